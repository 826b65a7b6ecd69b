package dev.switchboard.sla.internal;

import static dev.switchboard.sla.internal.Policies.requireAdmin;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.GroupSummary;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.sla.Holiday;
import dev.switchboard.sla.OpeningHours;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import dev.switchboard.web.InvalidRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin pages for SLAs: business calendars and policies, listed, created and edited. Forms use plain
 * text a person can type: hours as {@code 09:00-12:00, 13:00-17:00}, holidays one per line as
 * {@code 2026-12-25 yearly Christmas}, targets in hours. A refused form comes back with what was typed and
 * the reason.
 */
@Controller
@RequestMapping("/admin/sla")
class SlaAdminPages {

    static final List<String> DAYS = Arrays.stream(DayOfWeek.values()).map(CalendarApi::dayName).toList();
    static final List<String> PRIORITIES = Arrays.stream(Priority.values()).map(Priority::code).toList();

    /** A calendar as its form shows it. */
    record CalendarForm(Long id, String name, String timeZone, Map<String, String> hours, String holidays) {
    }

    /** A policy as its form shows it; targets in hours. */
    record PolicyForm(Long id, boolean isDefault, String name, String position, String calendarId, String organizationId,
                      String groupId, String category, String channel, Map<String, String> firstResponseHours,
                      Map<String, String> resolutionHours, String warningPercent, boolean notifyManagers,
                      boolean raisePriority, String escalateGroupId, String escalateAgentId) {
    }

    private final CalendarService calendars;
    private final Policies policies;
    private final UserDirectory directory;
    private final MessageSource messages;

    SlaAdminPages(CalendarService calendars, Policies policies, UserDirectory directory, MessageSource messages) {
        this.calendars = calendars;
        this.policies = policies;
        this.directory = directory;
        this.messages = messages;
    }

    /** A notice in the page's language (flash attributes outlive the request, so they carry the text). */
    private String say(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    @GetMapping
    String index(Actor actor, Model model) {
        requireAdmin(actor);
        List<StoredCalendar> all = calendars.all();
        model.addAttribute("actor", actor);
        model.addAttribute("calendars", all);
        model.addAttribute("calendarNames", all.stream().collect(Collectors.toMap(StoredCalendar::id, StoredCalendar::name)));
        model.addAttribute("policies", policies.ordered());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("groupNames", directory.groups().stream()
                .collect(Collectors.toMap(GroupSummary::id, GroupSummary::name)));
        model.addAttribute("staffNames", directory.staff().stream()
                .collect(Collectors.toMap(UserSummary::id, UserSummary::name)));
        return "sla/admin";
    }

    // ---- calendars

    @GetMapping("/calendars/new")
    String newCalendar(Actor actor, Model model) {
        requireAdmin(actor);
        Map<String, String> hours = new LinkedHashMap<>();
        DAYS.forEach(d -> hours.put(d, d.equals("saturday") || d.equals("sunday") ? "" : "09:00-17:00"));
        return calendarPage(actor, model, new CalendarForm(null, "", "UTC", hours, ""), null);
    }

    @GetMapping("/calendars/{id}")
    String editCalendar(Actor actor, @PathVariable long id, Model model) {
        requireAdmin(actor);
        StoredCalendar c = calendars.get(id);
        Map<String, String> hours = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(CalendarApi.dayName(day), c.hours().on(day).stream()
                    .map(i -> i.from() + "-" + CalendarApi.text(i.to())).collect(Collectors.joining(", ")));
        }
        String holidays = c.holidays().stream()
                .map(h -> h.date() + (h.yearly() ? " yearly" : "") + (h.name() == null ? "" : " " + h.name()))
                .collect(Collectors.joining("\n"));
        return calendarPage(actor, model, new CalendarForm(id, c.name(), c.zone().getId(), hours, holidays), null);
    }

    @PostMapping("/calendars")
    String createCalendar(Actor actor, @RequestParam Map<String, String> params, Model model, RedirectAttributes flash) {
        requireAdmin(actor);
        CalendarForm form = calendarForm(null, params);
        try {
            long id = calendars.create(actor, form.name(), CalendarApi.zone(form.timeZone()), hours(form), holidays(form));
            flash.addFlashAttribute("notice", say("sla.calendar.created"));
            return "redirect:/admin/sla/calendars/" + id;
        } catch (ErrorResponseException | DuplicateKeyException e) {
            return calendarPage(actor, model, form, reason(e));
        }
    }

    @PostMapping("/calendars/{id}")
    String changeCalendar(Actor actor, @PathVariable long id, @RequestParam Map<String, String> params, Model model,
                          RedirectAttributes flash) {
        requireAdmin(actor);
        CalendarForm form = calendarForm(id, params);
        try {
            calendars.change(actor, id, form.name(), CalendarApi.zone(form.timeZone()), hours(form), holidays(form));
            flash.addFlashAttribute("notice", say("sla.saved"));
            return "redirect:/admin/sla/calendars/" + id;
        } catch (ErrorResponseException | DuplicateKeyException e) {
            return calendarPage(actor, model, form, reason(e));
        }
    }

    @PostMapping("/calendars/{id}/delete")
    String deleteCalendar(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        try {
            calendars.delete(actor, id);
            flash.addFlashAttribute("notice", say("sla.calendar.deleted"));
            return "redirect:/admin/sla";
        } catch (ErrorResponseException e) {
            flash.addFlashAttribute("error", reason(e));
            return "redirect:/admin/sla/calendars/" + id;
        }
    }

    @PostMapping("/calendars/{id}/holidays/import")
    String importHolidays(Actor actor, @PathVariable long id, @RequestParam("file") MultipartFile file,
                          RedirectAttributes flash) throws IOException {
        try {
            CalendarService.Imported imported = calendars.importHolidays(actor, id, file.getBytes());
            flash.addFlashAttribute("notice", say("sla.calendar.imported", imported.added(), imported.found()));
        } catch (ErrorResponseException e) {
            flash.addFlashAttribute("error", reason(e));
        }
        return "redirect:/admin/sla/calendars/" + id;
    }

    // ---- policies

    @GetMapping("/policies/new")
    String newPolicy(Actor actor, Model model) {
        requireAdmin(actor);
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, String> resolution = new LinkedHashMap<>();
        SlaPolicy.DEFAULT_TARGETS.forEach((p, t) -> {
            first.put(p.code(), hours(t.firstResponse()));
            resolution.put(p.code(), hours(t.resolution()));
        });
        return policyPage(actor, model, new PolicyForm(null, false, "", "1", "", "", "", "", "", first, resolution,
                String.valueOf(SlaPolicy.DEFAULT_WARNING_PERCENT), true, false, "", ""), null);
    }

    @GetMapping("/policies/{id}")
    String editPolicy(Actor actor, @PathVariable long id, Model model) {
        requireAdmin(actor);
        SlaPolicy p = policies.get(id);
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, String> resolution = new LinkedHashMap<>();
        for (Priority priority : Priority.values()) {
            first.put(priority.code(), hours(p.targetsFor(priority).firstResponse()));
            resolution.put(priority.code(), hours(p.targetsFor(priority).resolution()));
        }
        SlaPolicy.Conditions c = p.conditions();
        return policyPage(actor, model, new PolicyForm(id, p.isDefault(), p.name(), String.valueOf(p.position()),
                String.valueOf(p.calendarId()), text(c.organizationId()), text(c.groupId()), Objects.toString(c.category(), ""),
                c.channel() == null ? "" : c.channel().code(), first, resolution, String.valueOf(p.warningPercent()),
                p.onBreach().notifyManagers(), p.onBreach().raisePriority(), text(p.onBreach().escalateGroupId()),
                text(p.onBreach().escalateAgentId())), null);
    }

    @PostMapping("/policies")
    String createPolicy(Actor actor, @RequestParam Map<String, String> params, Model model, RedirectAttributes flash) {
        requireAdmin(actor);
        PolicyForm form = policyForm(null, false, params);
        try {
            long id = policies.create(draft(form), actor);
            flash.addFlashAttribute("notice", say("sla.policy.created"));
            return "redirect:/admin/sla/policies/" + id;
        } catch (ErrorResponseException | DataIntegrityViolationException e) {
            return policyPage(actor, model, form, reason(e));
        }
    }

    @PostMapping("/policies/{id}")
    String changePolicy(Actor actor, @PathVariable long id, @RequestParam Map<String, String> params, Model model,
                        RedirectAttributes flash) {
        requireAdmin(actor);
        PolicyForm form = policyForm(id, policies.get(id).isDefault(), params);
        try {
            policies.change(id, draft(form), actor);
            flash.addFlashAttribute("notice", say("sla.saved"));
            return "redirect:/admin/sla/policies/" + id;
        } catch (ErrorResponseException | DataIntegrityViolationException e) {
            return policyPage(actor, model, form, reason(e));
        }
    }

    @PostMapping("/policies/{id}/delete")
    String deletePolicy(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        try {
            policies.delete(id, actor);
            flash.addFlashAttribute("notice", say("sla.policy.deleted"));
            return "redirect:/admin/sla";
        } catch (ErrorResponseException e) {
            flash.addFlashAttribute("error", reason(e));
            return "redirect:/admin/sla/policies/" + id;
        }
    }

    // ---- forms

    private String calendarPage(Actor actor, Model model, CalendarForm form, String error) {
        model.addAttribute("actor", actor);
        model.addAttribute("form", form);
        model.addAttribute("days", DAYS);
        model.addAttribute("zones", new TreeSet<>(ZoneId.getAvailableZoneIds()));
        if (error != null) {
            model.addAttribute("error", error);
        }
        return "sla/calendar";
    }

    private String policyPage(Actor actor, Model model, PolicyForm form, String error) {
        model.addAttribute("actor", actor);
        model.addAttribute("form", form);
        model.addAttribute("priorities", PRIORITIES);
        model.addAttribute("calendars", calendars.all());
        model.addAttribute("channels", Arrays.stream(Channel.values()).map(Channel::code).toList());
        model.addAttribute("staff", directory.staff());
        model.addAttribute("groups", directory.groups());
        if (error != null) {
            model.addAttribute("error", error);
        }
        return "sla/policy";
    }

    private static CalendarForm calendarForm(Long id, Map<String, String> params) {
        Map<String, String> hours = new LinkedHashMap<>();
        DAYS.forEach(d -> hours.put(d, params.getOrDefault("hours_" + d, "").strip()));
        return new CalendarForm(id, params.getOrDefault("name", ""), params.getOrDefault("timeZone", "").strip(), hours,
                params.getOrDefault("holidays", ""));
    }

    /** "09:00-12:00, 13:00-17:00" for each day; empty is a day off. */
    private static OpeningHours hours(CalendarForm form) {
        Map<DayOfWeek, List<OpeningHours.Interval>> days = new EnumMap<>(DayOfWeek.class);
        form.hours().forEach((day, text) -> {
            List<OpeningHours.Interval> intervals = new ArrayList<>();
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                String[] ends = part.strip().split("\\s*[-–]\\s*");
                if (ends.length != 2) {
                    throw InvalidRequest.field("hours_" + day, "'" + part.strip() + "' is not like 09:00-17:00");
                }
                intervals.add(new OpeningHours.Interval(CalendarApi.time(day, ends[0]), CalendarApi.time(day, ends[1])));
            }
            days.put(CalendarApi.day(day), intervals);
        });
        return new OpeningHours(days);
    }

    /** One holiday per line: a date, "yearly" if it comes back every year, then its name. */
    private static List<Holiday> holidays(CalendarForm form) {
        List<Holiday> holidays = new ArrayList<>();
        for (String line : form.holidays().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] words = line.strip().split("\\s+", 2);
            String rest = words.length > 1 ? words[1] : "";
            boolean yearly = rest.equals("yearly") || rest.startsWith("yearly ");
            String name = yearly ? rest.substring("yearly".length()).strip() : rest;
            try {
                holidays.add(new Holiday(LocalDate.parse(words[0]), yearly, name));
            } catch (DateTimeParseException e) {
                throw InvalidRequest.field("holidays", "'" + line.strip() + "' does not start with a date like 2026-12-25");
            }
        }
        return holidays;
    }

    private static PolicyForm policyForm(Long id, boolean isDefault, Map<String, String> params) {
        Map<String, String> first = new LinkedHashMap<>();
        Map<String, String> resolution = new LinkedHashMap<>();
        PRIORITIES.forEach(p -> {
            first.put(p, params.getOrDefault("first_" + p, "").strip());
            resolution.put(p, params.getOrDefault("resolution_" + p, "").strip());
        });
        return new PolicyForm(id, isDefault, params.getOrDefault("name", ""), params.getOrDefault("position", "").strip(),
                params.getOrDefault("calendarId", "").strip(), params.getOrDefault("organizationId", "").strip(),
                params.getOrDefault("groupId", "").strip(), params.getOrDefault("category", "").strip(),
                params.getOrDefault("channel", ""), first, resolution, params.getOrDefault("warningPercent", "").strip(),
                params.containsKey("notifyManagers"), params.containsKey("raisePriority"),
                params.getOrDefault("escalateGroupId", "").strip(), params.getOrDefault("escalateAgentId", "").strip());
    }

    private static Policies.Draft draft(PolicyForm f) {
        Map<Priority, SlaPolicy.Targets> targets = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            targets.put(p, new SlaPolicy.Targets(duration("first_" + p.code(), f.firstResponseHours().get(p.code())),
                    duration("resolution_" + p.code(), f.resolutionHours().get(p.code()))));
        }
        SlaPolicy.Conditions conditions = f.isDefault() ? null : new SlaPolicy.Conditions(
                number("organizationId", f.organizationId()), number("groupId", f.groupId()),
                f.category().isBlank() ? null : f.category(), PolicyApi.channel(f.channel()));
        Long position = number("position", f.position());
        Long warning = number("warningPercent", f.warningPercent());
        return new Policies.Draft(f.name(), f.isDefault() || position == null ? null : position.intValue(),
                number("calendarId", f.calendarId()), conditions, targets,
                warning == null ? SlaPolicy.DEFAULT_WARNING_PERCENT : warning.intValue(), new SlaPolicy.BreachActions(f.notifyManagers(), f.raisePriority(),
                number("escalateGroupId", f.escalateGroupId()), number("escalateAgentId", f.escalateAgentId())));
    }

    /** Hours as typed ("4", "0.5", "1.25") to a whole number of minutes. */
    private static Duration duration(String field, String hours) {
        try {
            return Duration.ofMinutes(new BigDecimal(hours).multiply(BigDecimal.valueOf(60))
                    .setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (NumberFormatException | ArithmeticException | NullPointerException e) {
            throw InvalidRequest.field(field, "hours as a number, like 4 or 0.5");
        }
    }

    private static String hours(Duration target) {
        return BigDecimal.valueOf(target.toMinutes()).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    private static Long number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidRequest.field(field, "'" + value + "' is not a number");
        }
    }

    private static String text(Long value) {
        return value == null ? "" : value.toString();
    }

    private static String reason(Exception e) {
        if (e instanceof ErrorResponseException problem && problem.getBody().getDetail() != null) {
            return problem.getBody().getDetail();
        }
        if (e instanceof DuplicateKeyException) {
            return "That name is taken; choose another.";
        }
        return "An organization, group or agent given does not exist.";
    }
}
