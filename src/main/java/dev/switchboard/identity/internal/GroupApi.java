package dev.switchboard.identity.internal;

import static dev.switchboard.identity.internal.UserApi.requireAdmin;
import static dev.switchboard.identity.internal.UserApi.requireStaff;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import dev.switchboard.identity.Actor;
import dev.switchboard.identity.GroupSection;
import dev.switchboard.identity.internal.AccountViews.GroupView;
import dev.switchboard.web.Created;
import dev.switchboard.web.IdempotentCreations;
import dev.switchboard.web.Page;
import dev.switchboard.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Groups of agents. Besides name and members, a group carries what other modules keep about it
 * ({@link GroupSection}: routing's {@code assignment}), read and written as fields of the group itself.
 */
@RestController
@RequestMapping("/api/v1/groups")
class GroupApi {

    /** {@code more} holds the other modules' fields ({@code assignment}); any other name is refused. */
    record NewGroup(@NotBlank @Size(max = 200) String name, @Size(max = 1000) List<Long> memberIds,
                    @JsonAnySetter Map<String, Object> more) {
        NewGroup {
            more = more == null ? new TreeMap<>() : new TreeMap<>(more);
        }
    }

    record GroupPatch(@Size(min = 1, max = 200) String name, @Size(max = 1000) List<Long> memberIds,
                      @JsonAnySetter Map<String, Object> more) {
        GroupPatch {
            more = more == null ? new TreeMap<>() : new TreeMap<>(more);
        }
    }

    private final Accounts accounts;
    private final GroupRecords groups;
    private final IdempotentCreations idempotent;
    private final List<GroupSection> sections;

    GroupApi(Accounts accounts, GroupRecords groups, IdempotentCreations idempotent, List<GroupSection> sections) {
        this.accounts = accounts;
        this.groups = groups;
        this.idempotent = idempotent;
        this.sections = sections;
    }

    @PostMapping
    ResponseEntity<GroupView> create(Actor actor, @Valid @RequestBody NewGroup body,
                                     @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        requireAdmin(actor);
        Map<String, Object> more = known(body.more());
        Created<GroupView> created = idempotent.create(actor.userId(), key, "group.create",
                IdempotentCreations.fingerprint(body),
                () -> accounts.createGroup(actor, body.name(), body.memberIds(), more), this::view);
        return ResponseEntity.created(URI.create("/api/v1/groups/" + created.resource().id())).body(created.resource());
    }

    /** Groups are few, so they come in one page. */
    @GetMapping
    Page<GroupView> list(Actor actor) {
        requireStaff(actor);
        List<GroupRecords.Group> all = groups.all();
        Map<Long, Map<String, Object>> more = sectionsOf(all.stream().map(GroupRecords.Group::id).toList());
        return new Page<>(all.stream().map(g -> GroupView.of(g, more.getOrDefault(g.id(), Map.of()))).toList(), null);
    }

    @GetMapping("/{id}")
    GroupView get(Actor actor, @PathVariable long id) {
        requireStaff(actor);
        return view(id);
    }

    /** Name, members and other modules' fields such as {@code "assignment": "round_robin"}, all or nothing. */
    @PatchMapping("/{id}")
    GroupView change(Actor actor, @PathVariable long id, @Valid @RequestBody GroupPatch body) {
        requireAdmin(actor);
        accounts.changeGroup(actor, id, body.name(), body.memberIds(), known(body.more()));
        return view(id);
    }

    private GroupView view(long id) {
        return groups.byId(id).map(g -> GroupView.of(g, sectionsOf(List.of(id)).getOrDefault(id, Map.of())))
                .orElseThrow(() -> Problems.notFound("Group " + id));
    }

    /** Each group's values from every section, by the section's field name. */
    private Map<Long, Map<String, Object>> sectionsOf(Collection<Long> ids) {
        Map<Long, Map<String, Object>> result = new HashMap<>();
        for (GroupSection section : sections) {
            section.forGroups(ids).forEach((id, value) ->
                    result.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(section.name(), value));
        }
        return result;
    }

    /** A field no module knows is refused like any unknown field of a body (400). */
    private Map<String, Object> known(Map<String, Object> more) {
        for (String name : more.keySet()) {
            if (sections.stream().noneMatch(s -> s.name().equals(name))) {
                throw Problems.of(HttpStatus.BAD_REQUEST, "Malformed request body", "unknown field '" + name + "'");
            }
        }
        return more;
    }
}
