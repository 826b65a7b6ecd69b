package dev.switchboard.ticket.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.Role;
import dev.switchboard.ticket.Channel;
import dev.switchboard.ticket.CloseReason;
import dev.switchboard.ticket.Priority;
import dev.switchboard.ticket.TicketStatus;
import dev.switchboard.web.InvalidRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle table of DESIGN.md, cell by cell, on the aggregate itself. */
class TicketLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Actor AGENT = new Actor(7L, "Ada", "ada@example.com", Role.AGENT, null, false);
    private static final Actor REQUESTER = new Actor(9L, "Bob", "bob@example.com", Role.CUSTOMER, null, false);

    /** The table, written out as it stands in DESIGN.md: what an agent may do from each status. */
    private static final Map<TicketStatus, Set<TicketStatus>> AGENT_MAY = Map.of(
            TicketStatus.NEW, EnumSet.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS, TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.CLOSED),
            TicketStatus.OPEN, EnumSet.of(TicketStatus.IN_PROGRESS, TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.CLOSED),
            TicketStatus.IN_PROGRESS, EnumSet.of(TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.CLOSED),
            TicketStatus.PENDING, EnumSet.of(TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, TicketStatus.CLOSED),
            TicketStatus.RESOLVED, EnumSet.of(TicketStatus.OPEN, TicketStatus.CLOSED),
            TicketStatus.CLOSED, EnumSet.noneOf(TicketStatus.class));

    static Stream<Arguments> everyCell() {
        List<Arguments> cells = new ArrayList<>();
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                if (from != to) {
                    cells.add(Arguments.of(from, to));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "agent moves {0} -> {1}")
    @MethodSource("everyCell")
    void agentMoveFollowsTheLifecycleTable(TicketStatus from, TicketStatus to) {
        Ticket ticket = ticketIn(from);
        CloseReason reason = to == TicketStatus.CLOSED ? CloseReason.DUPLICATE : null;
        if (AGENT_MAY.get(from).contains(to)) {
            ticket.moveTo(to, reason, AGENT, T0.plusSeconds(60));
            assertThat(ticket.status()).isEqualTo(to);
            assertThat(ticket.transitions()).singleElement().satisfies(t -> {
                assertThat(t.from()).isEqualTo(from);
                assertThat(t.to()).isEqualTo(to);
                assertThat(t.actor()).isEqualTo(AGENT);
                assertThat(t.at()).isEqualTo(T0.plusSeconds(60));
            });
        } else {
            assertThatThrownBy(() -> ticket.moveTo(to, reason, AGENT, T0))
                    .isInstanceOf(IllegalTransition.class)
                    .satisfies(e -> assertThat(((IllegalTransition) e).allowedCodes())
                            .containsExactlyInAnyOrderElementsOf(AGENT_MAY.get(from).stream().map(TicketStatus::code).toList()));
            assertThat(ticket.status()).isEqualTo(from);
            assertThat(ticket.transitions()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"NEW", "OPEN", "IN_PROGRESS", "PENDING"})
    void closingAnUnresolvedTicketNeedsAReason(TicketStatus from) {
        Ticket ticket = ticketIn(from);
        assertThatThrownBy(() -> ticket.moveTo(TicketStatus.CLOSED, null, AGENT, T0)).isInstanceOf(InvalidRequest.class);
        ticket.moveTo(TicketStatus.CLOSED, CloseReason.SPAM, AGENT, T0);
        assertThat(ticket.transitions().get(0).reason()).isEqualTo("spam");
        assertThat(ticket.closedAt()).isEqualTo(T0);
    }

    @Test
    void closingAResolvedTicketNeedsNoReason() {
        Ticket ticket = ticketIn(TicketStatus.RESOLVED);
        ticket.moveTo(TicketStatus.CLOSED, null, AGENT, T0);
        assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void requesterReplyOpensAPendingTicket() {
        Ticket ticket = ticketIn(TicketStatus.PENDING);
        ticket.requesterReplied(REQUESTER, T0);
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.reopenCount()).isZero();
        assertThat(ticket.transitions().get(0).actor()).isEqualTo(REQUESTER);
    }

    @Test
    void customerReplyReopensResolvedTicketAndCountsAReopen() {
        Ticket ticket = ticketIn(TicketStatus.RESOLVED);
        ticket.requesterReplied(REQUESTER, T0);
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.reopenCount()).isEqualTo(1);
        assertThat(ticket.resolvedAt()).isNull();
    }

    @Test
    void agentReopeningAResolvedTicketCountsAReopen() {
        Ticket ticket = ticketIn(TicketStatus.RESOLVED);
        ticket.moveTo(TicketStatus.OPEN, null, AGENT, T0);
        assertThat(ticket.reopenCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"NEW", "OPEN", "IN_PROGRESS"})
    void requesterReplyLeavesWorkingStatusesAlone(TicketStatus from) {
        Ticket ticket = ticketIn(from);
        ticket.requesterReplied(REQUESTER, T0);
        assertThat(ticket.status()).isEqualTo(from);
        assertThat(ticket.transitions()).isEmpty();
    }

    @Test
    void closedTicketTakesNoReplyItself() {
        Ticket ticket = ticketIn(TicketStatus.CLOSED);
        assertThatThrownBy(() -> ticket.requesterReplied(REQUESTER, T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void firstPublicAgentReplyIsTheFirstResponseAndOpensANewTicket() {
        Ticket ticket = ticketIn(TicketStatus.NEW);
        ticket.agentReplied(AGENT, T0.plusSeconds(90));
        ticket.agentReplied(AGENT, T0.plusSeconds(500));
        assertThat(ticket.firstResponseAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(ticket.transitions()).hasSize(1);
    }

    @Test
    void autoCloseTakesOnlyTicketsResolvedBeforeTheCutoff() {
        Ticket ticket = ticketIn(TicketStatus.RESOLVED); // resolved at T0
        Actor job = Actor.system("auto-close");
        assertThat(ticket.closeAutomatically(T0.minus(Duration.ofSeconds(1)), job, T0.plus(Duration.ofHours(47)))).isFalse();
        assertThat(ticket.closeAutomatically(T0, job, T0.plus(Duration.ofHours(48)))).isTrue();
        assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(ticket.transitions().get(0).actor().systemJob()).isEqualTo("auto-close");
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"NEW", "OPEN", "IN_PROGRESS", "PENDING", "CLOSED"})
    void autoCloseLeavesUnresolvedTicketsAlone(TicketStatus status) {
        Ticket ticket = ticketIn(status);
        assertThat(ticket.closeAutomatically(T0.plus(Duration.ofDays(30)), Actor.system("auto-close"), T0)).isFalse();
        assertThat(ticket.status()).isEqualTo(status);
    }

    @Test
    void fieldEditsAreRememberedWithOldAndNewValues() {
        Ticket ticket = ticketIn(TicketStatus.OPEN);
        ticket.assignTo(7L, T0);
        ticket.prioritize(Priority.HIGH, T0);
        ticket.retag(new TreeSet<>(Set.of("vip")), T0);
        ticket.assignTo(7L, T0); // no change, nothing recorded
        assertThat(ticket.changes()).extracting("field", "oldValue", "newValue").containsExactly(
                org.assertj.core.groups.Tuple.tuple("assignee_id", null, "7"),
                org.assertj.core.groups.Tuple.tuple("priority", "normal", "high"),
                org.assertj.core.groups.Tuple.tuple("tags", "", "vip"));
    }

    private static Ticket ticketIn(TicketStatus status) {
        return new Ticket(1L, "Printer", "It broke", status, Priority.NORMAL, null, Channel.API, 9L, null, null, null,
                null, T0, T0, null, status == TicketStatus.RESOLVED ? T0 : null,
                status == TicketStatus.CLOSED ? T0 : null, T0, 0, 0, new TreeSet<>());
    }
}
