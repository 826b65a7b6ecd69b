package dev.switchboard.notification.internal;

import dev.switchboard.notification.OutboundChannel;
import dev.switchboard.notification.OutboundChannel.ChannelUnavailable;
import dev.switchboard.notification.OutboundChannel.DeliveryRefused;
import dev.switchboard.notification.OutboxDelivery;
import dev.switchboard.notification.internal.ChannelPauses.Pause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox. Each round claims a small batch in a short transaction (a lease in
 * {@code claimed_until}), then delivers the items one by one outside any transaction, so a slow mail server
 * never holds database locks. A channel found down as a whole is paused ({@link ChannelPauses}) so an outage
 * spends no item's attempts. ShedLock keeps the job on one node at a time; the claim itself is also safe
 * with several dispatchers at once, and a node that dies mid-delivery only delays its items until the
 * lease runs out. Delivery is at least once: a channel derives stable ids from the item key so receivers
 * can drop a repeat.
 */
@Component
class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxRecords records;
    private final ChannelPauses pauses;
    private final Map<String, OutboundChannel> channels = new LinkedHashMap<>();
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RetryPolicy retries;
    private final int batchSize;
    private final Duration lease;
    private volatile boolean stopping;

    OutboxDispatcher(OutboxRecords records, ChannelPauses pauses, List<OutboundChannel> channels, TransactionTemplate tx,
                     Clock clock,
                     @Value("${switchboard.outbox.max-attempts:10}") int maxAttempts,
                     @Value("${switchboard.outbox.batch-size:10}") int batchSize,
                     @Value("${switchboard.outbox.lease:PT10M}") Duration lease) {
        this.records = records;
        this.pauses = pauses;
        for (OutboundChannel channel : channels) {
            if (this.channels.putIfAbsent(channel.channel(), channel) != null) {
                throw new IllegalStateException("Two outbound channels are named '" + channel.channel() + "'");
            }
        }
        this.tx = tx;
        this.clock = clock;
        this.retries = new RetryPolicy(maxAttempts);
        this.batchSize = batchSize;
        this.lease = lease;
    }

    @Scheduled(fixedDelayString = "${switchboard.outbox.poll:PT2S}", initialDelayString = "PT5S")
    @SchedulerLock(name = "outbox-dispatch", lockAtMostFor = "PT10M")
    public void poll() {
        int handled = dispatch();
        if (handled > 0) {
            log.debug("Outbox: {} items attempted", handled);
        }
    }

    /**
     * The application is shutting down. The scheduler waits for a running job before it stops, so a dispatcher
     * working through a big backlog would hold the shutdown up until it is killed.
     */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        stopping = true;
    }

    /**
     * Delivers every item due now, channel by channel, skipping paused channels; answers how many items this
     * call attempted. A big backlog takes many batches, so it stops after the current round when the
     * application shuts down or its thread is interrupted: a server with a backlog still stops at once, and
     * the rest waits for the next start.
     */
    int dispatch() {
        int handled = 0;
        boolean more;
        do {
            more = false;
            Map<String, Pause> paused = pauses.all();
            for (OutboundChannel channel : channels.values()) {
                Instant now = clock.instant();
                Pause pause = paused.get(channel.channel());
                if (pause != null && pause.holds(now)) {
                    continue;
                }
                List<OutboxItem> batch = tx.execute(s -> records.claimDue(channel.channel(), now, now.plus(lease), batchSize));
                handled += deliver(channel, batch, pause);
                more |= batch.size() == batchSize;
            }
        } while (more && !stopping && !Thread.currentThread().isInterrupted());
        return handled;
    }

    /**
     * Delivers one channel's batch. {@code pause} is the channel's outage that has run out, if any: the first
     * item tells whether it is over. A channel found down gives the rest of its batch back untried.
     */
    private int deliver(OutboundChannel channel, List<OutboxItem> batch, Pause pause) {
        int attempted = 0;
        for (int i = 0; i < batch.size(); i++) {
            OutboxItem item = batch.get(i);
            attempted++;
            try {
                deliver(channel, item);
            } catch (ChannelUnavailable down) {
                Pause outage = pauses.pause(channel.channel(), reason(down));
                if (pause == null) {
                    log.warn("Outbound channel '{}' is down, paused until {}; its items wait without spending attempts: {}",
                            channel.channel(), outage.until(), outage.reason());
                } else {
                    log.info("Outbound channel '{}' still down (since {}), paused until {}: {}", channel.channel(),
                            outage.since(), outage.until(), outage.reason());
                }
                String waiting = "waiting: channel '" + channel.channel() + "' paused until " + outage.until() + " — "
                        + outage.reason();
                for (OutboxItem untried : batch.subList(i, batch.size())) {
                    records.release(untried.id(), waiting);
                }
                return attempted;
            }
            if (pause != null) {
                pauses.resume(channel.channel());
                log.info("Outbound channel '{}' works again after an outage since {}", channel.channel(), pause.since());
                pause = null;
            }
        }
        return attempted;
    }

    /** One attempt at one item: sent, failed (another try later), or dead. A channel that is down throws. */
    private void deliver(OutboundChannel channel, OutboxItem item) {
        int attempt = item.attempts() + 1;
        try {
            channel.deliver(new OutboxDelivery(item.id(), item.key().toString(), item.message(), attempt));
        } catch (ChannelUnavailable down) {
            throw down;
        } catch (DeliveryRefused refused) {
            log.warn("Outbox item {} to {} refused, dead: {}", item.id(), item.recipient(), describe(refused));
            records.markDead(item.id(), attempt, describe(refused));
            return;
        } catch (Exception failed) {
            if (retries.exhausted(attempt)) {
                log.warn("Outbox item {} to {} failed {} times, dead: {}", item.id(), item.recipient(), attempt,
                        describe(failed));
                records.markDead(item.id(), attempt, describe(failed));
            } else {
                Instant next = clock.instant().plus(retries.delayAfter(attempt));
                log.info("Outbox item {} to {} failed (attempt {}), next try at {}: {}", item.id(), item.recipient(),
                        attempt, next, describe(failed));
                records.markFailed(item.id(), attempt, next, describe(failed));
            }
            return;
        }
        records.markSent(item.id(), attempt, clock.instant());
    }

    /** Why a channel is down, as the Outbox page says it: the channel's words and the root cause. */
    static String reason(ChannelUnavailable down) {
        Throwable root = rootOf(down);
        return root == down || root.getMessage() == null ? down.getMessage() : down.getMessage() + " (" + root.getMessage() + ")";
    }

    /** What went wrong, as an admin reads it in the dead-letter list: the message and its root cause. */
    static String describe(Throwable error) {
        Throwable root = rootOf(error);
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        return root == error ? text : text + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static Throwable rootOf(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
