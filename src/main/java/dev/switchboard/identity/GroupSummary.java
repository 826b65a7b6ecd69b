package dev.switchboard.identity;

import java.util.List;

/** A group of agents, as other modules see it. */
public record GroupSummary(long id, String name, List<Long> memberIds) {
}
