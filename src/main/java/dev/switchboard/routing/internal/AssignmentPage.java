package dev.switchboard.routing.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.AgentWorkSettings;
import dev.switchboard.identity.GroupSummary;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.TicketStatistics;
import dev.switchboard.web.InvalidRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How groups hand out their tickets, at a glance: each group's strategy (changed here), and each member's
 * availability, unfinished tickets and capacity (admins change the last two here too). The same checks and
 * audit trail as {@code PATCH /api/v1/groups/{id}} and {@code PATCH /api/v1/users/{id}}.
 */
@Controller
@RequestMapping("/admin/routing")
class AssignmentPage {

    record Member(long id, String name, String email, boolean active, String availability, int capacity, long workload) {

        /** How full the agent is, 0–100, for a meter; an agent with no capacity is full. */
        public long percent() {
            return capacity == 0 ? 100 : Math.min(100, workload * 100 / capacity);
        }
    }

    record GroupRow(long id, String name, String strategy, List<Member> members) {

        public long available() {
            return members.stream().filter(m -> m.active() && "available".equals(m.availability())).count();
        }
    }

    private final GroupAssignments assignments;
    private final UserDirectory directory;
    private final TicketStatistics statistics;
    private final AgentWorkSettings workSettings;
    private final MessageSource messages;

    AssignmentPage(GroupAssignments assignments, UserDirectory directory, TicketStatistics statistics,
                   AgentWorkSettings workSettings, MessageSource messages) {
        this.assignments = assignments;
        this.directory = directory;
        this.statistics = statistics;
        this.workSettings = workSettings;
        this.messages = messages;
    }

    @ModelAttribute
    void adminsOnly(Actor actor, Model model) {
        RoutingRuleApi.requireAdmin(actor);
        model.addAttribute("actor", actor);
    }

    @GetMapping("/groups")
    String page(Model model) {
        List<GroupSummary> groups = directory.groups();
        List<Long> memberIds = groups.stream().flatMap(g -> g.memberIds().stream()).distinct().toList();
        Map<Long, UserSummary> people = directory.findUsers(memberIds);
        Map<Long, Long> workload = statistics.workloadOf(memberIds);
        Map<Long, AssignmentStrategy> strategies = assignments.of(groups.stream().map(GroupSummary::id).toList());
        model.addAttribute("groups", groups.stream().map(g -> new GroupRow(g.id(), g.name(), strategies.get(g.id()).code(),
                g.memberIds().stream().map(people::get).filter(Objects::nonNull)
                        .map(u -> new Member(u.id(), u.name(), u.email(), u.active(), u.availability(), u.capacity(),
                                workload.getOrDefault(u.id(), 0L))).toList())).toList());
        model.addAttribute("strategies", Arrays.stream(AssignmentStrategy.values()).map(AssignmentStrategy::code).toList());
        model.addAttribute("availabilities", UserSummary.AVAILABILITIES);
        return "routing/groups";
    }

    @PostMapping("/groups/{id}/strategy")
    String strategy(Actor actor, @PathVariable long id, @RequestParam String assignment, RedirectAttributes flash) {
        try {
            AssignmentStrategy strategy = assignments.change(actor, id, assignment);
            flash.addFlashAttribute("notice", say("routing.assignment.saved",
                    say("routing.strategy." + strategy.code())));
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("error", e.getBody().getDetail());
        }
        return "redirect:/admin/routing/groups#group-" + id;
    }

    @PostMapping("/agents/{id}")
    String agent(Actor actor, @PathVariable long id, @RequestParam String availability, @RequestParam String capacity,
                 @RequestParam(defaultValue = "0") long group, RedirectAttributes flash) {
        try {
            int limit;
            try {
                limit = Integer.parseInt(capacity.strip());
            } catch (NumberFormatException e) {
                throw InvalidRequest.field("capacity", "must be a whole number from 0 to 10000");
            }
            workSettings.change(actor, id, availability, limit);
            flash.addFlashAttribute("notice", say("routing.agent.saved",
                    directory.findUser(id).map(UserSummary::name).orElse("#" + id)));
        } catch (ErrorResponseException e) {
            flash.addFlashAttribute("error", e.getBody().getDetail());
        }
        return "redirect:/admin/routing/groups" + (group > 0 ? "#group-" + group : "");
    }

    private String say(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
