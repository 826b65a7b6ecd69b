package dev.switchboard.identity.internal;

import static dev.switchboard.identity.internal.UserApi.requireAdmin;
import static dev.switchboard.identity.internal.UserApi.requireStaff;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.internal.AccountViews.GroupView;
import dev.switchboard.web.Created;
import dev.switchboard.web.IdempotentCreations;
import dev.switchboard.web.Page;
import dev.switchboard.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/groups")
class GroupApi {

    record NewGroup(@NotBlank @Size(max = 200) String name, @Size(max = 1000) List<Long> memberIds) {
    }

    record GroupPatch(@Size(min = 1, max = 200) String name, @Size(max = 1000) List<Long> memberIds) {
    }

    private final Accounts accounts;
    private final GroupRecords groups;
    private final IdempotentCreations idempotent;

    GroupApi(Accounts accounts, GroupRecords groups, IdempotentCreations idempotent) {
        this.accounts = accounts;
        this.groups = groups;
        this.idempotent = idempotent;
    }

    @PostMapping
    ResponseEntity<GroupView> create(Actor actor, @Valid @RequestBody NewGroup body,
                                     @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        requireAdmin(actor);
        Created<GroupView> created = idempotent.create(actor.userId(), key, "group.create",
                IdempotentCreations.fingerprint(body),
                () -> accounts.createGroup(actor, body.name(), body.memberIds()), this::view);
        return ResponseEntity.created(URI.create("/api/v1/groups/" + created.resource().id())).body(created.resource());
    }

    /** Groups are few, so they come in one page. */
    @GetMapping
    Page<GroupView> list(Actor actor) {
        requireStaff(actor);
        return new Page<>(groups.all().stream().map(GroupView::of).toList(), null);
    }

    @GetMapping("/{id}")
    GroupView get(Actor actor, @PathVariable long id) {
        requireStaff(actor);
        return view(id);
    }

    @PatchMapping("/{id}")
    GroupView change(Actor actor, @PathVariable long id, @Valid @RequestBody GroupPatch body) {
        requireAdmin(actor);
        accounts.changeGroup(actor, id, body.name(), body.memberIds());
        return view(id);
    }

    private GroupView view(long id) {
        return groups.byId(id).map(GroupView::of).orElseThrow(() -> Problems.notFound("Group " + id));
    }
}
