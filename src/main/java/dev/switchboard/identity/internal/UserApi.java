package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.internal.AccountViews.UserView;
import dev.switchboard.web.Created;
import dev.switchboard.web.IdempotentCreations;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import dev.switchboard.web.PageQuery;
import dev.switchboard.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
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

/** Users: admins manage them; agents may look them up; customers see only themselves. */
@RestController
@RequestMapping("/api/v1/users")
class UserApi {

    record NewUser(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email,
                   @NotBlank String role, Long organizationId, @Size(max = 200) String password) {
        @Override
        public String toString() { // the fingerprint of a retried call; the password stays in
            return "NewUser[" + name + "," + email + "," + role + "," + organizationId + "," + password + "]";
        }
    }

    /** Fields left out stay as they are; {@code organization_id: null} removes the organization. */
    static final class UserPatch {
        @Size(min = 1, max = 200)
        public String name;
        public String role;
        public Boolean active;
        @Size(max = 200)
        public String password;
        public String availability;
        public Integer capacity;
        private Long organizationId;
        private boolean organizationGiven;

        public void setOrganizationId(Long organizationId) {
            this.organizationId = organizationId;
            this.organizationGiven = true;
        }

        public Long getOrganizationId() {
            return organizationId;
        }
    }

    private final Accounts accounts;
    private final UserRecords users;
    private final IdempotentCreations idempotent;

    UserApi(Accounts accounts, UserRecords users, IdempotentCreations idempotent) {
        this.accounts = accounts;
        this.users = users;
        this.idempotent = idempotent;
    }

    @PostMapping
    ResponseEntity<UserView> create(Actor actor, @Valid @RequestBody NewUser body,
                                    @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        requireAdmin(actor);
        Role role = role(body.role());
        Created<UserView> created = idempotent.create(actor.userId(), key, "user.create",
                IdempotentCreations.fingerprint(body),
                () -> accounts.createUser(actor, body.name(), body.email(), role, body.organizationId(), body.password()),
                this::view);
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.resource().id())).body(created.resource());
    }

    @GetMapping
    Page<UserView> list(Actor actor, @RequestParam(required = false) String role,
                        @RequestParam(name = "organization_id", required = false) Long organizationId,
                        @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        requireStaff(actor);
        PageQuery page = PageQuery.of(limit, cursor);
        return Page.of(users.page(role == null ? null : role(role), organizationId,
                page.after() == null ? 0 : page.after(), page.fetchSize()).stream().map(UserView::of).toList(),
                page, UserView::id);
    }

    @GetMapping("/me")
    UserView me(Actor actor) {
        return view(actor.userId());
    }

    record OwnPreferences(@Size(min = 1, max = 200) String name, @Size(max = 200) String password, String locale,
                          Boolean emailNotifications, String availability) {
    }

    /**
     * Anyone changes their own name, password, language and whether they get email notifications; agents and
     * admins also whether they take new work ({@code availability}).
     */
    @PatchMapping("/me")
    UserView changeMe(Actor actor, @Valid @RequestBody OwnPreferences body) {
        if (body.availability() != null && !actor.isStaff()) {
            throw Problems.forbidden("Availability is for agents: customers are not assigned tickets.");
        }
        accounts.changeOwnPreferences(actor, body.name(), body.password(), body.locale(), body.emailNotifications());
        if (body.availability() != null) {
            accounts.changeWorkSettings(actor, actor.userId(), body.availability(), null);
        }
        return view(actor.userId());
    }

    @GetMapping("/{id}")
    UserView get(Actor actor, @PathVariable long id) {
        if (!actor.isStaff() && actor.userId() != id) {
            throw Problems.notFound("User " + id);
        }
        return view(id);
    }

    @PatchMapping("/{id}")
    UserView change(Actor actor, @PathVariable long id, @Valid @RequestBody UserPatch body) {
        requireAdmin(actor);
        accounts.changeUser(actor, id, new Accounts.UserChange(body.name, body.role == null ? null : role(body.role),
                body.organizationGiven, body.organizationId, body.active, body.password));
        if (body.availability != null || body.capacity != null) {
            accounts.changeWorkSettings(actor, id, body.availability, body.capacity);
        }
        return view(id);
    }

    private UserView view(long id) {
        return users.byId(id).map(UserView::of).orElseThrow(() -> Problems.notFound("User " + id));
    }

    private static Role role(String value) {
        try {
            return Role.ofUser(value);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.field("role", e.getMessage());
        }
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins manage users, organizations and groups.");
        }
    }

    static void requireStaff(Actor actor) {
        if (!actor.isStaff()) {
            throw Problems.forbidden("Customers cannot list accounts.");
        }
    }
}
