package dev.switchboard.routing.internal;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The fields routing reads and writes on a new ticket (or on the sample of a dry run). Codes are as the
 * API writes them: channel {@code email}, priority {@code high}.
 */
record RoutedTicket(String subject, String body, String requesterEmail, String channel, String priority,
                    String category, Long organizationId, SortedSet<String> tags, Long groupId, Long assigneeId) {

    RoutedTicket {
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
        channel = channel == null ? "api" : channel;
        priority = priority == null ? "normal" : priority;
        tags = tags == null ? new TreeSet<>() : new TreeSet<>(tags);
    }

    RoutedTicket withGroup(Long group) {
        return new RoutedTicket(subject, body, requesterEmail, channel, priority, category, organizationId, tags, group, assigneeId);
    }

    RoutedTicket withAssignee(Long agent) {
        return new RoutedTicket(subject, body, requesterEmail, channel, priority, category, organizationId, tags, groupId, agent);
    }

    RoutedTicket withPriority(String value) {
        return new RoutedTicket(subject, body, requesterEmail, channel, value, category, organizationId, tags, groupId, assigneeId);
    }

    RoutedTicket withCategory(String value) {
        return new RoutedTicket(subject, body, requesterEmail, channel, priority, value, organizationId, tags, groupId, assigneeId);
    }

    RoutedTicket withTags(List<String> more) {
        SortedSet<String> all = new TreeSet<>(tags);
        all.addAll(more);
        return new RoutedTicket(subject, body, requesterEmail, channel, priority, category, organizationId, all, groupId, assigneeId);
    }
}
