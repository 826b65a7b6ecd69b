package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Role;
import dev.switchboard.web.Problems;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Admin pages for people: users and their roles, organizations, groups and membership. The same
 * {@link Accounts} rules and audit trail as the API; a refused change comes back with its reason.
 */
@Controller
class AdminAccountPages {

    private final Accounts accounts;
    private final UserRecords users;
    private final OrganizationRecords organizations;
    private final GroupRecords groups;

    AdminAccountPages(Accounts accounts, UserRecords users, OrganizationRecords organizations, GroupRecords groups) {
        this.accounts = accounts;
        this.users = users;
        this.organizations = organizations;
        this.groups = groups;
    }

    @ModelAttribute
    void adminsOnly(Actor actor, Model model) {
        if (!actor.isAdmin()) {
            throw Problems.forbidden("Only admins manage accounts.");
        }
        model.addAttribute("actor", actor);
    }

    @GetMapping("/admin")
    String index() {
        return "admin/index";
    }

    @GetMapping("/admin/users")
    String users(@RequestParam(required = false) String role, @RequestParam(defaultValue = "0") long after, Model model) {
        Role only = role == null || role.isBlank() ? null : Role.ofUser(role);
        model.addAttribute("users", users.page(only, null, after, 101));
        model.addAttribute("role", role);
        model.addAttribute("roles", Arrays.stream(Role.values()).filter(r -> r != Role.SYSTEM).map(Role::code).toList());
        model.addAttribute("organizations", organizations.page(0, 1000));
        return "admin/users";
    }

    @PostMapping("/admin/users")
    String createUser(Actor actor, @RequestParam String name, @RequestParam String email, @RequestParam String role,
                      @RequestParam(required = false) Long organizationId, @RequestParam(required = false) String password,
                      RedirectAttributes flash) {
        return attempt(flash, "/admin/users", () -> accounts.createUser(actor, name.strip(), email.strip(), Role.ofUser(role),
                organizationId, password == null || password.isBlank() ? null : password));
    }

    @PostMapping("/admin/users/{id}")
    String changeUser(Actor actor, @PathVariable long id, @RequestParam String name, @RequestParam String role,
                      @RequestParam(required = false) Long organizationId, @RequestParam(defaultValue = "false") boolean active,
                      @RequestParam(required = false) String password, RedirectAttributes flash) {
        return attempt(flash, "/admin/users", () -> accounts.changeUser(actor, id, new Accounts.UserChange(name, Role.ofUser(role),
                true, organizationId, active, password == null || password.isBlank() ? null : password)));
    }

    @GetMapping("/admin/organizations")
    String organizations(Model model) {
        model.addAttribute("organizations", organizations.page(0, 1000));
        return "admin/organizations";
    }

    @PostMapping("/admin/organizations")
    String createOrganization(Actor actor, @RequestParam String name, @RequestParam(defaultValue = "") String domains,
                              @RequestParam(defaultValue = "false") boolean shared, RedirectAttributes flash) {
        return attempt(flash, "/admin/organizations", () -> accounts.createOrganization(actor, name, split(domains), shared));
    }

    @PostMapping("/admin/organizations/{id}")
    String changeOrganization(Actor actor, @PathVariable long id, @RequestParam String name,
                              @RequestParam(defaultValue = "") String domains,
                              @RequestParam(defaultValue = "false") boolean shared, RedirectAttributes flash) {
        return attempt(flash, "/admin/organizations", () -> accounts.changeOrganization(actor, id, name, split(domains), shared));
    }

    @GetMapping("/admin/groups")
    String groups(Model model) {
        model.addAttribute("groups", groups.all());
        model.addAttribute("staff", users.activeStaff());
        return "admin/groups";
    }

    @PostMapping("/admin/groups")
    String createGroup(Actor actor, @RequestParam String name, @RequestParam(name = "memberIds", required = false) List<Long> members,
                       RedirectAttributes flash) {
        return attempt(flash, "/admin/groups", () -> accounts.createGroup(actor, name, members));
    }

    @PostMapping("/admin/groups/{id}")
    String changeGroup(Actor actor, @PathVariable long id, @RequestParam String name,
                       @RequestParam(name = "memberIds", required = false) List<Long> members, RedirectAttributes flash) {
        return attempt(flash, "/admin/groups", () -> accounts.changeGroup(actor, id, name, members == null ? List.of() : members));
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String attempt(RedirectAttributes flash, String back, Runnable change) {
        try {
            change.run();
            flash.addFlashAttribute("notice", "admin.saved");
        } catch (ErrorResponseException e) {
            flash.addFlashAttribute("error", e.getBody().getDetail());
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + back;
    }
}
