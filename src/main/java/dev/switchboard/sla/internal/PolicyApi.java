package dev.switchboard.sla.internal;

import static dev.switchboard.sla.internal.Policies.requireStaff;

import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * SLA policies, in the order they apply (the default one last): admins manage them, the team reads them.
 * Targets are minutes of business time per priority.
 */
@RestController
@RequestMapping("/api/v1/sla-policies")
class PolicyApi {

    record TargetBody(Integer firstResponseMinutes, Integer resolutionMinutes) {
    }

    record ConditionsBody(Long organizationId, Long groupId, @Size(max = 100) String category, String channel) {
    }

    record BreachActionsBody(Boolean notifyManagers, Boolean raisePriority, Long escalateGroupId, Long escalateAgentId) {
    }

    record PolicyBody(@Size(max = 200) String name, Integer position, Long calendarId, @Valid ConditionsBody conditions,
                      @Size(max = 4) Map<String, TargetBody> targets, Integer warningPercent,
                      BreachActionsBody breachActions) {
    }

    record TargetView(long firstResponseMinutes, long resolutionMinutes) {
    }

    record PolicyView(long id, String name, int position, boolean isDefault, long calendarId,
                      Map<String, Object> conditions, Map<String, TargetView> targets, int warningPercent,
                      Map<String, Object> breachActions, Instant createdAt, Instant updatedAt) {

        static PolicyView of(SlaPolicy p) {
            Map<String, Object> conditions = new LinkedHashMap<>();
            conditions.put("organization_id", p.conditions().organizationId());
            conditions.put("group_id", p.conditions().groupId());
            conditions.put("category", p.conditions().category());
            conditions.put("channel", p.conditions().channel() == null ? null : p.conditions().channel().code());
            Map<String, TargetView> targets = new LinkedHashMap<>();
            for (Priority priority : Priority.values()) {
                SlaPolicy.Targets t = p.targetsFor(priority);
                targets.put(priority.code(), new TargetView(t.firstResponse().toMinutes(), t.resolution().toMinutes()));
            }
            Map<String, Object> actions = new LinkedHashMap<>();
            actions.put("notify_managers", p.onBreach().notifyManagers());
            actions.put("raise_priority", p.onBreach().raisePriority());
            actions.put("escalate_group_id", p.onBreach().escalateGroupId());
            actions.put("escalate_agent_id", p.onBreach().escalateAgentId());
            return new PolicyView(p.id(), p.name(), p.position(), p.isDefault(), p.calendarId(), conditions, targets,
                    p.warningPercent(), actions, p.createdAt(), p.updatedAt());
        }
    }

    private final Policies policies;

    PolicyApi(Policies policies) {
        this.policies = policies;
    }

    @GetMapping
    Page<PolicyView> list(Actor actor) {
        requireStaff(actor);
        return new Page<>(policies.ordered().stream().map(PolicyView::of).toList(), null);
    }

    @GetMapping("/{id}")
    PolicyView get(Actor actor, @PathVariable long id) {
        requireStaff(actor);
        return PolicyView.of(policies.get(id));
    }

    @PostMapping
    ResponseEntity<PolicyView> create(Actor actor, @Valid @RequestBody PolicyBody body) {
        Policies.requireAdmin(actor);
        long id = refusingUnknown(() -> policies.create(draft(body, SlaPolicy.DEFAULT_TARGETS), actor));
        return ResponseEntity.created(URI.create("/api/v1/sla-policies/" + id)).body(PolicyView.of(policies.get(id)));
    }

    @PatchMapping("/{id}")
    PolicyView change(Actor actor, @PathVariable long id, @Valid @RequestBody PolicyBody body) {
        Policies.requireAdmin(actor);
        Policies.Draft draft = draft(body, policies.get(id).targets());
        refusingUnknown(() -> {
            policies.change(id, draft, actor);
            return id;
        });
        return PolicyView.of(policies.get(id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable long id) {
        policies.delete(id, actor);
        return ResponseEntity.noContent().build();
    }

    /** Groups and agents are checked by name; an organization that does not exist shows up as its foreign key. */
    private static long refusingUnknown(Supplier<Long> change) {
        try {
            return change.get();
        } catch (DuplicateKeyException e) {
            throw e;
        } catch (DataIntegrityViolationException e) {
            throw InvalidRequest.field("conditions.organization_id", "no such organization");
        }
    }

    private static Policies.Draft draft(PolicyBody body, Map<Priority, SlaPolicy.Targets> base) {
        SlaPolicy.Conditions conditions = null;
        if (body.conditions() != null) {
            ConditionsBody c = body.conditions();
            conditions = new SlaPolicy.Conditions(c.organizationId(), c.groupId(),
                    c.category() == null || c.category().isBlank() ? null : c.category().strip(), channel(c.channel()));
        }
        Map<Priority, SlaPolicy.Targets> targets = null;
        if (body.targets() != null) {
            targets = new EnumMap<>(Priority.class);
            for (Map.Entry<String, TargetBody> t : body.targets().entrySet()) {
                Priority priority = Priority.parse("targets", t.getKey());
                SlaPolicy.Targets old = base.getOrDefault(priority, SlaPolicy.DEFAULT_TARGETS.get(priority));
                TargetBody given = t.getValue() == null ? new TargetBody(null, null) : t.getValue();
                targets.put(priority, new SlaPolicy.Targets(
                        given.firstResponseMinutes() == null ? old.firstResponse() : Duration.ofMinutes(given.firstResponseMinutes()),
                        given.resolutionMinutes() == null ? old.resolution() : Duration.ofMinutes(given.resolutionMinutes())));
            }
        }
        SlaPolicy.BreachActions actions = null;
        if (body.breachActions() != null) {
            BreachActionsBody b = body.breachActions();
            actions = new SlaPolicy.BreachActions(Boolean.TRUE.equals(b.notifyManagers()), Boolean.TRUE.equals(b.raisePriority()),
                    b.escalateGroupId(), b.escalateAgentId());
        }
        return new Policies.Draft(body.name(), body.position(), body.calendarId(), conditions, targets,
                body.warningPercent(), actions);
    }

    static Channel channel(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        try {
            return Channel.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.field("conditions.channel", "unknown channel '" + code + "'; allowed: "
                    + Arrays.stream(Channel.values()).map(Channel::code).collect(Collectors.joining(", ")));
        }
    }
}
