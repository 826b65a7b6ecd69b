package dev.switchboard.routing.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.GroupSummary;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.Categories;
import dev.switchboard.ticket.Category;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import dev.switchboard.web.InvalidRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin pages for routing rules: the ordered list (move, enable, disable, delete), a rule's form with its
 * conditions and actions as rows (added, removed and re-typed with htmx), and a test form that runs the rules
 * over a sample ticket and shows which matched and why. Same checks and audit trail as the API; a refused
 * form comes back as typed, each reason next to its field.
 */
@Controller
@RequestMapping("/admin/routing")
class RoutingRulePages {

    /** The test form, as typed. */
    record SampleForm(String subject, String body, String requesterEmail, String channel, String priority,
                      String category, String organizationId, String tags) {
        static SampleForm blank() {
            return new SampleForm("", "", "", Channel.EMAIL.code(), Priority.NORMAL.code(), "", "", "");
        }
    }

    /** What a test run found: the verdicts, the ticket after the rules, and who would then get it. */
    record Trial(List<RoutingRule.Verdict> rules, RoutedTicket result, String strategy, boolean groupGone,
                 boolean assigneeSkipped, Long assigneeId, boolean byStrategy) {
    }

    private final RoutingRules rules;
    private final DryRuns dryRuns;
    private final GroupAssignments assignments;
    private final Assigner assigner;
    private final UserDirectory directory;
    private final Categories categories;
    private final MessageSource messages;

    RoutingRulePages(RoutingRules rules, DryRuns dryRuns, GroupAssignments assignments, Assigner assigner,
                     UserDirectory directory, Categories categories, MessageSource messages) {
        this.rules = rules;
        this.dryRuns = dryRuns;
        this.assignments = assignments;
        this.assigner = assigner;
        this.directory = directory;
        this.categories = categories;
        this.messages = messages;
    }

    @ModelAttribute
    void adminsOnly(Actor actor, Model model) {
        RoutingRuleApi.requireAdmin(actor);
        model.addAttribute("actor", actor);
        model.addAttribute("errors", Map.of());
    }

    @GetMapping
    String list(Model model) {
        return listPage(model, SampleForm.blank(), null);
    }

    // ---- the test form

    @PostMapping("/dry-run")
    String dryRun(@RequestParam Map<String, String> params, Model model) {
        SampleForm sample = new SampleForm(params.getOrDefault("subject", ""), params.getOrDefault("body", ""),
                params.getOrDefault("requesterEmail", ""), params.getOrDefault("channel", ""),
                params.getOrDefault("priority", ""), params.getOrDefault("category", ""),
                params.getOrDefault("organizationId", "").strip(), params.getOrDefault("tags", ""));
        try {
            return listPage(model, sample, trial(sample));
        } catch (InvalidRequest e) {
            model.addAttribute("errors", errors(e));
            return listPage(model, sample, null);
        }
    }

    private Trial trial(SampleForm f) {
        Long organization = null;
        if (!f.organizationId().isBlank()) {
            try {
                organization = Long.parseLong(f.organizationId());
            } catch (NumberFormatException e) {
                throw InvalidRequest.field("organizationId", "must be a number, such as 12");
            }
        }
        Router.Routing routing = dryRuns.run(new DryRuns.Sample(f.subject(), f.body(), f.requesterEmail(),
                f.channel().isBlank() ? null : f.channel(), f.priority().isBlank() ? null : f.priority(), f.category(),
                organization, Arrays.stream(f.tags().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList()));
        RoutedTicket result = routing.result();
        boolean groupGone = result.groupId() != null && !directory.groupExists(result.groupId());
        Long group = groupGone ? null : result.groupId();
        boolean skipped = result.assigneeId() != null
                && !directory.findUser(result.assigneeId()).map(UserSummary::takesNewWork).orElse(false);
        Long assignee = skipped ? null : result.assigneeId();
        boolean byStrategy = false;
        if (assignee == null && group != null) {
            assignee = assigner.wouldPick(group).orElse(null);
            byStrategy = assignee != null;
        }
        return new Trial(routing.rules(), result, group == null ? null : assignments.of(group).code(), groupGone, skipped,
                assignee, byStrategy);
    }

    // ---- the list

    @PostMapping("/rules/{id}/move")
    String move(Actor actor, @PathVariable long id, @RequestParam String direction, RedirectAttributes flash) {
        rules.move(actor, id, "up".equals(direction));
        flash.addFlashAttribute("notice", say("routing.moved"));
        return "redirect:/admin/routing#rule-" + id;
    }

    @PostMapping("/rules/{id}/active")
    String activate(Actor actor, @PathVariable long id, @RequestParam boolean active, RedirectAttributes flash) {
        RoutingRule rule = rules.change(actor, id, new RoutingRules.Draft(null, null, null, null, null, active));
        flash.addFlashAttribute("notice", say(active ? "routing.enabled" : "routing.disabled", rule.name()));
        return "redirect:/admin/routing#rule-" + id;
    }

    @PostMapping("/rules/{id}/delete")
    String delete(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        String name = rules.get(id).name();
        rules.delete(actor, id);
        flash.addFlashAttribute("notice", say("routing.deleted", name));
        return "redirect:/admin/routing";
    }

    // ---- one rule

    @GetMapping("/rules/new")
    String newRule(Model model) {
        return rulePage(model, RuleForm.blank(rules.nextPosition()));
    }

    @GetMapping("/rules/{id}")
    String editRule(@PathVariable long id, Model model) {
        return rulePage(model, RuleForm.of(rules.get(id)));
    }

    @PostMapping("/rules")
    String create(Actor actor, @RequestParam MultiValueMap<String, String> params, Model model,
                  RedirectAttributes flash) {
        RuleForm form = RuleForm.from(null, params);
        try {
            RoutingRule rule = rules.create(actor, form.draft());
            flash.addFlashAttribute("notice", say("routing.created", rule.name()));
            return "redirect:/admin/routing#rule-" + rule.id();
        } catch (InvalidRequest e) {
            model.addAttribute("errors", errors(e));
            return rulePage(model, form);
        }
    }

    @PostMapping("/rules/{id}")
    String change(Actor actor, @PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
                  RedirectAttributes flash) {
        RuleForm form = RuleForm.from(id, params);
        try {
            RoutingRule rule = rules.change(actor, id, form.draft());
            flash.addFlashAttribute("notice", say("routing.saved", rule.name()));
            return "redirect:/admin/routing#rule-" + id;
        } catch (InvalidRequest e) {
            model.addAttribute("errors", errors(e));
            return rulePage(model, form);
        }
    }

    /** A new, empty condition row (htmx appends it to the form). */
    @GetMapping("/rules/condition-row")
    String conditionRow(Model model) {
        model.addAttribute("row", new RuleForm.ConditionRow(Field.SUBJECT.code(), Operator.CONTAINS.code(), ""));
        model.addAttribute("fields", RuleForm.FIELDS);
        model.addAttribute("operators", RuleForm.OPERATORS);
        return "routing/rule-rows :: condition";
    }

    /** An action row for this type of action, with the value field it needs (a new row, or one re-typed). */
    @GetMapping("/rules/action-row")
    String actionRow(@RequestParam(name = "action_type", defaultValue = "set_group") String type, Model model) {
        model.addAttribute("row", new RuleForm.ActionRow(RuleForm.ACTIONS.contains(type) ? type : "set_group", ""));
        choices(model);
        return "routing/rule-rows :: action";
    }

    /** What a row's Remove button asks for: nothing, and htmx takes the row away. */
    @GetMapping("/rules/removed-row")
    @ResponseBody
    String removedRow() {
        return "";
    }

    // ---- rendering

    private String listPage(Model model, SampleForm sample, Trial trial) {
        List<RoutingRule> all = rules.all();
        model.addAttribute("rules", all);
        model.addAttribute("sample", sample);
        model.addAttribute("trial", trial);
        model.addAttribute("channels", Arrays.stream(Channel.values()).map(Channel::code).toList());
        names(model);
        return "routing/rules";
    }

    private String rulePage(Model model, RuleForm form) {
        model.addAttribute("form", form);
        model.addAttribute("fields", RuleForm.FIELDS);
        model.addAttribute("operators", RuleForm.OPERATORS);
        choices(model);
        return "routing/rule";
    }

    /** What an action's value can be chosen from. */
    private void choices(Model model) {
        model.addAttribute("actionTypes", RuleForm.ACTIONS);
        model.addAttribute("groups", directory.groups());
        model.addAttribute("staff", directory.staff());
        model.addAttribute("priorities", Arrays.stream(Priority.values()).map(Priority::code).toList());
        model.addAttribute("categories", categories.all(true).stream().map(Category::name).toList());
    }

    private void names(Model model) {
        model.addAttribute("groupNames", directory.groups().stream()
                .collect(Collectors.toMap(GroupSummary::id, GroupSummary::name)));
        model.addAttribute("staffNames", directory.staff().stream()
                .collect(Collectors.toMap(UserSummary::id, UserSummary::name)));
        model.addAttribute("priorities", Arrays.stream(Priority.values()).map(Priority::code).toList());
        model.addAttribute("categories", categories.all(true).stream().map(Category::name).toList());
    }

    /** Each field's reason, by the field's name as the API gives it ({@code conditions[0].value}). */
    static Map<String, String> errors(InvalidRequest e) {
        return e.problems().stream().collect(Collectors.toMap(InvalidRequest.FieldProblem::field,
                InvalidRequest.FieldProblem::message, (a, b) -> a + "; " + b, LinkedHashMap::new));
    }

    private String say(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
