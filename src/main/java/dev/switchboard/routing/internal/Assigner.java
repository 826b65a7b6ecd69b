package dev.switchboard.routing.internal;

import dev.switchboard.identity.GroupSummary;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.ticket.TicketStatistics;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Picks the agent for a ticket that landed in a group, by the group's strategy. Runs inside the ticket's
 * transaction and locks the group's strategy row first, so concurrent creations are assigned one after the
 * other: each ticket gets one agent and the round-robin order is never skipped.
 */
@Component
class Assigner {

    private final GroupAssignmentRecords settings;
    private final UserDirectory directory;
    private final TicketStatistics statistics;

    Assigner(GroupAssignmentRecords settings, UserDirectory directory, TicketStatistics statistics) {
        this.settings = settings;
        this.directory = directory;
        this.statistics = statistics;
    }

    Optional<Long> agentFor(long groupId) {
        Optional<Long> agent = settings.lock(groupId).flatMap(this::pick);
        agent.ifPresent(id -> settings.moveCursor(groupId, id));
        return agent;
    }

    /**
     * Who the group's strategy would give a ticket to now, for a dry run: nothing is locked and the round-robin
     * turn does not move, so a real ticket arriving meanwhile may get this agent instead.
     */
    Optional<Long> wouldPick(long groupId) {
        return settings.of(groupId).flatMap(this::pick);
    }

    private Optional<Long> pick(GroupAssignmentRecords.Setting setting) {
        if (setting.strategy() == AssignmentStrategy.MANUAL) {
            return Optional.empty();
        }
        long groupId = setting.groupId();
        List<Long> members = directory.groups().stream().filter(g -> g.id() == groupId).findFirst()
                .map(GroupSummary::memberIds).orElse(List.of());
        List<UserSummary> agents = List.copyOf(directory.findUsers(members).values());
        return switch (setting.strategy()) {
            case ROUND_ROBIN -> RoundRobin.next(agents, setting.lastAgentId());
            case LEAST_LOADED -> LeastLoaded.pick(agents, statistics.workloadOf(members));
            case MANUAL -> Optional.empty();
        };
    }
}
