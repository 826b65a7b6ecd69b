package dev.switchboard.ticket.internal;

import dev.switchboard.storage.StorageDatabase;
import dev.switchboard.storage.TransactionMemo;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketFilter;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.ticket.TicketView;
import dev.switchboard.ticket.TicketView.Person;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Tickets, their tags and their status transitions, in explicit SQL. */
@Repository
class TicketRecords {

    private static final String COLUMNS = """
            t.id, t.subject, t.description, t.status, t.priority, t.category, t.channel, t.requester_id,
            t.organization_id, t.assignee_id, t.group_id, t.follow_up_of_id, t.created_at, t.updated_at,
            t.first_response_at, t.resolved_at, t.closed_at, t.status_changed_at, t.reopen_count, t.version""";

    private static final String VIEW_COLUMNS = "select " + COLUMNS + """
            , r.name as requester_name, r.email as requester_email, a.name as assignee_name, a.email as assignee_email
            """;

    private static final String VIEW_FROM = """
            from tickets t
            join users r on r.id = t.requester_id
            left join users a on a.id = t.assignee_id
            """;

    private static final String VIEW_SELECT = VIEW_COLUMNS + VIEW_FROM;

    /**
     * The view with the ticket's tags and participants in two columns, each joined by spaces (a tag holds none):
     * one statement reads the whole ticket.
     */
    private static final String VIEW_SELECT_WITH_TAGS = VIEW_COLUMNS
            + ", (select string_agg(tg.tag, ' ') from ticket_tags tg where tg.ticket_id = t.id) as tags\n"
            + ", (select string_agg(cast(tp.user_id as varchar(20)), ' ') from ticket_participants tp where tp.ticket_id = t.id)"
            + " as participants\n" + VIEW_FROM;

    private static final String INSERT_TICKET = """
            insert into tickets (subject, description, status, priority, category, channel, requester_id,
                                 organization_id, assignee_id, group_id, follow_up_of_id, created_at, updated_at,
                                 first_response_at, resolved_at, closed_at, status_changed_at, reopen_count, version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""";

    private final JdbcClient jdbc;
    private final MessageRecords messages;
    /** PostgreSQL inserts a new ticket and what comes with it in one statement (see {@link #insertOpened}). */
    private final boolean oneStatementInserts;
    /** A new ticket is read by routing, the SLA clock, the confirmation and the API's answer: one read serves all. */
    private final TransactionMemo<Long, TicketView> views = new TransactionMemo<>();
    private final JdbcTemplate template;

    TicketRecords(JdbcClient jdbc, JdbcTemplate template, MessageRecords messages, StorageDatabase database) {
        this.messages = messages;
        this.oneStatementInserts = database.combinesInserts();
        this.jdbc = jdbc;
        this.template = template;
    }

    // ---- the aggregate

    /** Loads the ticket and locks its row until the transaction ends: changes to one ticket queue up. */
    Optional<Ticket> lock(long id) {
        views.forget(id);
        return jdbc.sql("select " + COLUMNS + " from tickets t where t.id = ? for update").param(id)
                .query((rs, n) -> ticket(rs, tagsOf(rs.getLong("id")))).optional();
    }

    /** The values of {@link #INSERT_TICKET}, in its order. */
    private static List<Object> ticketValues(Ticket t) {
        return Arrays.asList(t.subject(), t.description(), t.status().code(), t.priority().code(), t.category(),
                t.channel().code(), t.requesterId(), t.organizationId(), t.assigneeId(), t.groupId(),
                t.followUpOfId(), at(t.createdAt()), at(t.updatedAt()), at(t.firstResponseAt()),
                at(t.resolvedAt()), at(t.closedAt()), at(t.statusChangedAt()), t.reopenCount());
    }

    /** A new row changes no other ticket's view; this one is {@link #rememberNew remembered} as it is. */
    long insert(Ticket t) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql(INSERT_TICKET).params(ticketValues(t)).update(keys, "id");
        long id = keys.getKeyAs(Long.class);
        views.forget(id);
        t.assigned(id);
        insertTags(id, t.tags());
        insertTransitions(t);
        return id;
    }

    /**
     * Keeps the view of a ticket this transaction has just inserted, as a read would give it, so that the
     * first reader does not have to ask the database for what was just written.
     */
    void rememberNew(Ticket t, Person requester, Collection<Long> participantIds) {
        views.remember(t.id(), new TicketView(t.id(), t.subject(), t.description(), t.status().code(), t.priority().code(),
                t.category(), t.channel().code(), requester, t.organizationId(), null, null, null, List.copyOf(t.tags()),
                t.createdAt(), t.updatedAt(), null, null, null, 0, t.followUpOfId(),
                participantIds.stream().distinct().sorted().toList(), 0));
    }

    /** A new ticket's first message: the request itself. */
    record FirstMessage(Long authorId, String text, String html) {
    }

    /** The ids a new ticket's insert gave: the ticket's, and its first message's (null without one). */
    record Opened(long ticketId, Long messageId) {
    }

    /**
     * Inserts a new ticket with its tags, its first transition and its first message (if any). On PostgreSQL
     * that is one statement (data-modifying CTEs): every new ticket pays a round trip, a parse-bind-execute and
     * an executor start-up per statement, and these four made half of its writes. Elsewhere (H2, embedded,
     * where a statement costs no round trip) it is the plain inserts.
     */
    Opened insertOpened(Ticket t, FirstMessage first) {
        if (!oneStatementInserts) {
            long id = insert(t);
            return new Opened(id, first == null ? null
                    : messages.insert(id, first.authorId(), false, first.text(), first.html(), t.createdAt()));
        }
        if (t.transitions().size() != 1) {
            throw new IllegalStateException("a new ticket has exactly one transition, not " + t.transitions());
        }
        Ticket.Transition move = t.transitions().get(0);
        List<Object> values = new ArrayList<>(ticketValues(t));
        values.addAll(Arrays.asList(String.join(" ", t.tags()),
                move.from() == null ? null : move.from().code(), move.to().code(), move.actor().userId(),
                move.actor().systemJob(), move.reason(), at(move.at()),
                first == null ? null : first.authorId(), first == null ? "" : first.text(),
                first == null ? "" : first.html(), at(t.createdAt()), first != null));
        Opened opened = jdbc.sql("with t as (" + INSERT_TICKET + " returning id)," + """

                        g as (
                            insert into ticket_tags (ticket_id, tag)
                            select t.id, x.tag from t cross join unnest(string_to_array(cast(? as text), ' ')) as x(tag)),
                        r as (
                            insert into ticket_transitions (ticket_id, from_status, to_status, actor_user_id, actor_system,
                                                            reason, occurred_at)
                            select t.id, cast(? as varchar), cast(? as varchar), cast(? as bigint), cast(? as varchar),
                                   cast(? as varchar), cast(? as timestamp with time zone) from t),
                        m as (
                            insert into messages (ticket_id, author_id, internal, body_text, body_html, created_at)
                            select t.id, cast(? as bigint), false, cast(? as text), cast(? as text),
                                   cast(? as timestamp with time zone) from t where cast(? as boolean)
                            returning id)
                        select t.id, (select m.id from m) as message_id from t""")
                .params(values)
                .query((rs, n) -> new Opened(rs.getLong(1), rs.getObject(2, Long.class))).single();
        views.forget(opened.ticketId());
        t.assigned(opened.ticketId());
        return opened;
    }

    void addParticipants(long ticketId, Collection<Long> userIds) {
        views.forget(ticketId);
        for (Long userId : userIds) {
            jdbc.sql("insert into ticket_participants (ticket_id, user_id) values (?, ?) on conflict do nothing")
                    .params(ticketId, userId).update();
        }
    }

    boolean isParticipant(long ticketId, long userId) {
        return jdbc.sql("select exists (select 1 from ticket_participants where ticket_id = ? and user_id = ?)")
                .params(ticketId, userId).query(Boolean.class).single();
    }

    void update(Ticket t) {
        views.forget(t.id());
        int updated = jdbc.sql("""
                        update tickets set status = ?, priority = ?, category = ?, assignee_id = ?, group_id = ?,
                               updated_at = ?, first_response_at = ?, resolved_at = ?, closed_at = ?, status_changed_at = ?,
                               reopen_count = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(t.status().code(), t.priority().code(), t.category(), t.assigneeId(), t.groupId(),
                        at(t.updatedAt()), at(t.firstResponseAt()), at(t.resolvedAt()), at(t.closedAt()),
                        at(t.statusChangedAt()), t.reopenCount(), t.id(), t.version())
                .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("Ticket " + t.id() + " changed underneath its lock");
        }
        if (t.tagsChanged()) {
            jdbc.sql("delete from ticket_tags where ticket_id = ?").param(t.id()).update();
            insertTags(t.id(), t.tags());
        }
        insertTransitions(t);
    }

    private void insertTags(long id, Collection<String> tags) {
        if (!tags.isEmpty()) {
            template.batchUpdate("insert into ticket_tags (ticket_id, tag) values (?, ?)", tags, tags.size(),
                    (ps, tag) -> {
                        ps.setLong(1, id);
                        ps.setString(2, tag);
                    });
        }
    }

    private void insertTransitions(Ticket t) {
        List<Ticket.Transition> moves = t.transitions();
        if (moves.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                insert into ticket_transitions (ticket_id, from_status, to_status, actor_user_id, actor_system, reason, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?)""", moves, moves.size(), (ps, m) -> {
            ps.setLong(1, t.id());
            ps.setString(2, m.from() == null ? null : m.from().code());
            ps.setString(3, m.to().code());
            if (m.actor().userId() == null) {
                ps.setNull(4, Types.BIGINT);
            } else {
                ps.setLong(4, m.actor().userId());
            }
            ps.setString(5, m.actor().systemJob());
            ps.setString(6, m.reason());
            ps.setObject(7, at(m.at()));
        });
    }

    /** Resolved tickets whose resolution is older than the cutoff, in id order after {@code afterId}. */
    List<Long> resolvedBefore(Instant cutoff, long afterId, int limit) {
        return jdbc.sql("""
                        select id from tickets where status = 'resolved' and resolved_at <= ? and id > ?
                        order by id limit ?""")
                .params(at(cutoff), afterId, limit).query(Long.class).list();
    }

    // ---- views

    /**
     * One ticket as shown, read with its tags in one query (every API create and change answers with it);
     * read once per transaction until it is written (see {@link TransactionMemo}).
     */
    Optional<TicketView> view(long id) {
        return views.get(id, () -> read(id));
    }

    private Optional<TicketView> read(long id) {
        // One statement, and no query from inside the row mapper: outside a transaction that would take a
        // second pooled connection while holding the first, and a full pool of such requests waits on itself.
        return jdbc.sql(VIEW_SELECT_WITH_TAGS + " where t.id = ?").param(id)
                .query((rs, n) -> view(rs, tagList(rs.getString("tags")), idList(rs.getString("participants"))))
                .optional();
    }

    /** Participants' ids in ascending order, as {@link #participantsOf} gives them. */
    private static List<Long> idList(String joined) {
        return joined == null ? List.of()
                : Arrays.stream(joined.split(" ")).map(Long::valueOf).sorted().toList();
    }

    /** Tags in the order {@link #tagsOf(long)} gives them. */
    private static List<String> tagList(String joined) {
        return joined == null ? List.of() : List.copyOf(new TreeSet<>(List.of(joined.split(" "))));
    }

    /**
     * A page of tickets, newest first. {@code visibleTo} narrows a customer's list to their own tickets and,
     * when their organization shares, its tickets.
     */
    List<TicketView> page(TicketFilter filter, Long beforeId, int limit, CustomerScope visibleTo) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = where(filter, visibleTo, params);
        if (beforeId != null) {
            where.append(" and t.id < :before");
            params.put("before", beforeId);
        }
        params.put("limit", limit);
        List<TicketView> partial = jdbc.sql(VIEW_SELECT + where + " order by t.id desc limit :limit")
                .params(params).query((rs, n) -> view(rs, List.of(), List.of())).list();
        List<Long> ids = partial.stream().map(TicketView::id).toList();
        Map<Long, List<String>> tags = tagsOf(ids);
        Map<Long, List<Long>> participants = participantsOf(ids);
        return partial.stream().map(v -> with(v, tags.getOrDefault(v.id(), List.of()),
                participants.getOrDefault(v.id(), List.of()))).toList();
    }

    long count(TicketFilter filter, CustomerScope visibleTo, long upTo) {
        Map<String, Object> params = new HashMap<>();
        params.put("upTo", upTo);
        return jdbc.sql("select count(*) from (select 1 from tickets t" + where(filter, visibleTo, params)
                        + " limit :upTo) matching")
                .params(params).query(Long.class).single();
    }

    private static StringBuilder where(TicketFilter filter, CustomerScope visibleTo, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.append(" and t.status in (:statuses)");
            params.put("statuses", filter.statuses().stream().map(TicketStatus::code).toList());
        }
        if (filter.priorities() != null && !filter.priorities().isEmpty()) {
            where.append(" and t.priority in (:priorities)");
            params.put("priorities", filter.priorities().stream().map(Priority::code).toList());
        }
        if (filter.unassigned()) {
            where.append(" and t.assignee_id is null");
        } else if (filter.assigneeId() != null) {
            where.append(" and t.assignee_id = :assignee");
            params.put("assignee", filter.assigneeId());
        }
        if (filter.groupId() != null) {
            where.append(" and t.group_id = :group");
            params.put("group", filter.groupId());
        }
        if (filter.requesterId() != null) {
            where.append(" and t.requester_id = :requester");
            params.put("requester", filter.requesterId());
        }
        if (filter.groupIds() != null) {
            if (filter.groupIds().isEmpty()) {
                where.append(" and 1 = 0");
            } else {
                where.append(" and t.group_id in (:groups)");
                params.put("groups", filter.groupIds());
            }
        }
        if (filter.category() != null) {
            where.append(" and t.category = :category");
            params.put("category", filter.category());
        }
        if (filter.inStatusSince() != null) {
            where.append(" and t.status_changed_at > :inStatusSince");
            params.put("inStatusSince", at(filter.inStatusSince()));
        }
        if (filter.inStatusBefore() != null) {
            where.append(" and t.status_changed_at <= :inStatusBefore");
            params.put("inStatusBefore", at(filter.inStatusBefore()));
        }
        if (filter.tag() != null) {
            where.append(" and exists (select 1 from ticket_tags g where g.ticket_id = t.id and g.tag = :tag)");
            params.put("tag", filter.tag());
        }
        if (visibleTo != null) {
            String participant = "exists (select 1 from ticket_participants p where p.ticket_id = t.id and p.user_id = :me)";
            if (visibleTo.organizationId() != null) {
                where.append(" and (t.requester_id = :me or t.organization_id = :org or ").append(participant).append(")");
                params.put("org", visibleTo.organizationId());
            } else {
                where.append(" and (t.requester_id = :me or ").append(participant).append(")");
            }
            params.put("me", visibleTo.userId());
        }
        return where;
    }

    /** A customer's reach: their own tickets, and their organization's when it shares. */
    record CustomerScope(long userId, Long organizationId) {
    }

    private SortedSet<String> tagsOf(long id) {
        return new TreeSet<>(jdbc.sql("select tag from ticket_tags where ticket_id = ?").param(id).query(String.class).list());
    }

    private Map<Long, List<String>> tagsOf(List<Long> ids) {
        Map<Long, List<String>> tags = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select ticket_id, tag from ticket_tags where ticket_id in (:ids) order by tag")
                    .param("ids", ids)
                    .query(rs -> {
                        tags.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    });
        }
        return tags;
    }

    private Map<Long, List<Long>> participantsOf(List<Long> ids) {
        Map<Long, List<Long>> participants = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select ticket_id, user_id from ticket_participants where ticket_id in (:ids) order by user_id")
                    .param("ids", ids)
                    .query(rs -> {
                        participants.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                    });
        }
        return participants;
    }

    private static TicketView with(TicketView v, List<String> tags, List<Long> participants) {
        return new TicketView(v.id(), v.subject(), v.description(), v.status(), v.priority(), v.category(), v.channel(),
                v.requester(), v.organizationId(), v.assigneeId(), v.assignee(), v.groupId(), tags, v.createdAt(),
                v.updatedAt(), v.firstResponseAt(), v.resolvedAt(), v.closedAt(), v.reopenCount(), v.followUpOfId(),
                participants, v.version());
    }

    private static Ticket ticket(ResultSet rs, SortedSet<String> tags) throws SQLException {
        return new Ticket(rs.getLong("id"), rs.getString("subject"), rs.getString("description"),
                TicketStatus.parse("status", rs.getString("status")), Priority.parse("priority", rs.getString("priority")),
                rs.getString("category"), Channel.ofCode(rs.getString("channel")), rs.getLong("requester_id"),
                rs.getObject("organization_id", Long.class), rs.getObject("assignee_id", Long.class),
                rs.getObject("group_id", Long.class), rs.getObject("follow_up_of_id", Long.class),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "first_response_at"),
                instant(rs, "resolved_at"), instant(rs, "closed_at"), instant(rs, "status_changed_at"),
                rs.getInt("reopen_count"), rs.getInt("version"), tags);
    }

    private static TicketView view(ResultSet rs, List<String> tags, List<Long> participants) throws SQLException {
        Long assigneeId = rs.getObject("assignee_id", Long.class);
        return new TicketView(rs.getLong("id"), rs.getString("subject"), rs.getString("description"),
                rs.getString("status"), rs.getString("priority"), rs.getString("category"), rs.getString("channel"),
                new Person(rs.getLong("requester_id"), rs.getString("requester_name"), rs.getString("requester_email")),
                rs.getObject("organization_id", Long.class), assigneeId,
                assigneeId == null ? null : new Person(assigneeId, rs.getString("assignee_name"), rs.getString("assignee_email")),
                rs.getObject("group_id", Long.class), tags, instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "first_response_at"), instant(rs, "resolved_at"), instant(rs, "closed_at"),
                rs.getInt("reopen_count"), rs.getObject("follow_up_of_id", Long.class), participants, rs.getInt("version"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
