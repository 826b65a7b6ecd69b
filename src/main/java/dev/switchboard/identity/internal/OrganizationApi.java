package dev.switchboard.identity.internal;

import static dev.switchboard.identity.internal.UserApi.requireAdmin;
import static dev.switchboard.identity.internal.UserApi.requireStaff;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.internal.AccountViews.OrganizationView;
import dev.switchboard.web.Created;
import dev.switchboard.web.IdempotentCreations;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationApi {

    record NewOrganization(@NotBlank @Size(max = 200) String name, @Size(max = 100) List<String> domains,
                           Boolean sharedTickets) {
    }

    record OrganizationPatch(@Size(min = 1, max = 200) String name, @Size(max = 100) List<String> domains,
                             Boolean sharedTickets) {
    }

    private final Accounts accounts;
    private final OrganizationRecords organizations;
    private final IdempotentCreations idempotent;

    OrganizationApi(Accounts accounts, OrganizationRecords organizations, IdempotentCreations idempotent) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.idempotent = idempotent;
    }

    @PostMapping
    ResponseEntity<OrganizationView> create(Actor actor, @Valid @RequestBody NewOrganization body,
                                            @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        requireAdmin(actor);
        Created<OrganizationView> created = idempotent.create(actor.userId(), key, "organization.create",
                IdempotentCreations.fingerprint(body),
                () -> accounts.createOrganization(actor, body.name(), body.domains(), Boolean.TRUE.equals(body.sharedTickets())),
                this::view);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + created.resource().id())).body(created.resource());
    }

    @GetMapping
    Page<OrganizationView> list(Actor actor, @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor) {
        requireStaff(actor);
        PageQuery page = PageQuery.of(limit, cursor);
        return Page.of(organizations.page(page.after() == null ? 0 : page.after(), page.fetchSize()).stream()
                .map(OrganizationView::of).toList(), page, OrganizationView::id);
    }

    @GetMapping("/{id}")
    OrganizationView get(Actor actor, @PathVariable long id) {
        if (!actor.isStaff() && !Long.valueOf(id).equals(actor.organizationId())) {
            throw Problems.notFound("Organization " + id);
        }
        return view(id);
    }

    @PatchMapping("/{id}")
    OrganizationView change(Actor actor, @PathVariable long id, @Valid @RequestBody OrganizationPatch body) {
        requireAdmin(actor);
        accounts.changeOrganization(actor, id, body.name(), body.domains(), body.sharedTickets());
        return view(id);
    }

    private OrganizationView view(long id) {
        return organizations.byId(id).map(OrganizationView::of).orElseThrow(() -> Problems.notFound("Organization " + id));
    }
}
