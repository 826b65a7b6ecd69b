package dev.switchboard.channel.email.inbound;

import jakarta.annotation.PreDestroy;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Fetches new mail from each active mailbox when its poll interval has passed. Each mailbox is polled under
 * a ShedLock lock of its own ({@code mailbox-<id>}), so with several nodes one polls it at a time; and since
 * ingest deduplicates, even two polls overlapping (a lock that outlived its time) make nothing twice.
 *
 * <p>For the unseen messages, oldest first and batch by batch ({@link ImapInbox}): read their raw bytes
 * (peeking, so reading does not flag them), hand each to {@link EmailIngest} (which commits), and only then
 * flag the stored ones \Seen. A message the server cannot send us is skipped and tried again next poll; one
 * that cannot be processed is quarantined by ingest and flagged like the rest: a broken message never blocks
 * the ones behind it.
 */
@Component
class MailboxPoller {

    static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final MailboxRecords mailboxes;
    private final MailboxPasswords passwords;
    private final EmailIngest ingest;
    private final SeenFlags seen;
    private final LockingTaskExecutor locks;
    private final Clock clock;
    private final Duration timeout;
    private final long maxMessageBytes;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final ExecutorService ingestWorkers;

    MailboxPoller(MailboxRecords mailboxes, MailboxPasswords passwords, EmailIngest ingest, SeenFlags seen,
                  LockProvider lockProvider, Clock clock,
                  @Value("${switchboard.mail.imap-timeout:30s}") Duration timeout,
                  @Value("${switchboard.mail.max-message-size:35MB}") DataSize maxMessageSize,
                  @Value("${switchboard.mail.poll-threads:2}") int threads,
                  @Value("${switchboard.mail.ingest-threads:4}") int ingestThreads) {
        this.mailboxes = mailboxes;
        this.passwords = passwords;
        this.ingest = ingest;
        this.seen = seen;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.clock = clock;
        this.timeout = timeout;
        this.maxMessageBytes = maxMessageSize.toBytes();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mailbox-poll-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger m = new AtomicInteger();
        this.ingestWorkers = ingestThreads <= 1 ? null : Executors.newFixedThreadPool(ingestThreads, r -> {
            Thread t = new Thread(r, "mail-ingest-" + m.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The scheduler's tick: hands each due mailbox to a worker of its own, so one slow mailbox (or a
     * first poll of thousands of messages) neither delays the others nor the scheduler's other jobs.
     */
    @Scheduled(fixedDelayString = "${switchboard.mail.poll-tick:PT5S}", initialDelayString = "PT15S")
    void tick() {
        Instant now = clock.instant();
        for (Mailbox mailbox : mailboxes.active()) {
            if (mailbox.due(now) && running.add(mailbox.id())) {
                workers.execute(() -> {
                    try {
                        poll(mailbox.id());
                    } catch (RuntimeException e) {
                        log.error("Polling mailbox {} failed", mailbox.id(), e);
                    } finally {
                        running.remove(mailbox.id());
                    }
                });
            }
        }
    }

    /** Polls, one after the other, every active mailbox whose interval has passed. */
    List<PollReport> pollDue() {
        Instant now = clock.instant();
        List<PollReport> reports = new ArrayList<>();
        for (Mailbox mailbox : mailboxes.active()) {
            if (mailbox.due(now)) {
                reports.add(poll(mailbox.id()));
            }
        }
        return reports;
    }

    /** Polls one mailbox now, unless another node (or thread) is polling it. */
    PollReport poll(long mailboxId) {
        // ShedLock's own clock dates the lock: lock times are the database's (usingDbTime), not business time.
        LockConfiguration lock = new LockConfiguration(ClockProvider.now(), "mailbox-" + mailboxId, LOCK_AT_MOST,
                Duration.ZERO);
        try {
            LockingTaskExecutor.TaskResult<PollReport> result = locks.executeWithLock(() -> pollLocked(mailboxId), lock);
            return result.wasExecuted() ? result.getResult() : PollReport.skipped(mailboxId);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private PollReport pollLocked(long mailboxId) {
        Mailbox mailbox = mailboxes.byId(mailboxId).filter(Mailbox::active).orElse(null);
        if (mailbox == null) {
            return PollReport.skipped(mailboxId);
        }
        Instant started = clock.instant();
        int stored = 0;
        int unreadable = 0;
        List<String> problems = new ArrayList<>();
        ImapInbox inbox = null;
        try {
            inbox = ImapInbox.open(mailbox, passwords.decrypt(mailbox.passwordEncrypted()), timeout, maxMessageBytes);
            for (List<Message> batch : inbox.unseenBatches()) {
                int problemsBefore = problems.size();
                List<ImapInbox.Fetched> fetched = inbox.read(batch, problems);
                unreadable += problems.size() - problemsBefore;
                Ingested ingested = ingestAll(mailbox, fetched);
                long[] done = ingested.stored().stream().mapToLong(i -> fetched.get(i).uid()).toArray();
                stored += done.length;
                boolean stop = false;
                if (ingested.failure() != null) {
                    problems.add("stopped: a message could not be stored (" + ingested.failure()
                            + "); the rest stays unseen for the next poll");
                    stop = true;
                }
                if (!inbox.isOpen()) {
                    // the server hung up while the batch was being stored: flag it over a new connection, and
                    // leave further batches (whose messages belonged to the old one) to the next poll
                    inbox.reopen();
                    stop = true;
                }
                try {
                    seen.mark(inbox.folder(), inbox.byUid(done));
                } catch (MessagingException | RuntimeException e) {
                    problems.add("could not flag " + done.length + " stored messages \\Seen (" + e.getMessage()
                            + "); they are fetched again next poll and recognized as stored");
                }
                if (stop) {
                    break;
                }
            }
        } catch (MessagingException | RuntimeException e) {
            problems.add(EmailIngest.reason(e));
        } finally {
            if (inbox != null) {
                inbox.close();
            }
        }
        String error = problems.isEmpty() ? null : String.join("; ", problems);
        if (error != null) {
            log.warn("Mailbox {} ({}): {}", mailbox.id(), mailbox.address(), error);
        }
        mailboxes.polled(mailbox.id(), started, error);
        return new PollReport(mailbox.id(), true, stored, unreadable, error);
    }

    /** Which of a batch were stored, and why storing stopped, if it did. */
    private record Ingested(List<Integer> stored, String failure) {
    }

    /**
     * Ingests a batch, lane by lane ({@link IngestLanes}): lanes side by side on the ingest workers, so the
     * waits on the database overlap, and each lane in server order, so a reply follows what it answers.
     * Ingest throws only when a message could not be stored at all; its lane stops there, and the batch's
     * failure is reported so the poll goes no further.
     */
    private Ingested ingestAll(Mailbox mailbox, List<ImapInbox.Fetched> batch) {
        List<Integer> stored = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> lanes = new ArrayList<>();
        for (List<Integer> lane : IngestLanes.of(batch.stream().map(ImapInbox.Fetched::raw).toList()).lanes()) {
            Runnable work = () -> {
                for (int i : lane) {
                    ImapInbox.Fetched message = batch.get(i);
                    try {
                        if (message.oversized()) {
                            ingest.oversized(message.raw(), message.size(), mailbox.id(), "imap");
                        } else {
                            ingest.ingest(message.raw(), mailbox, "imap");
                        }
                        stored.add(i);
                    } catch (RuntimeException notStored) {
                        failures.add(EmailIngest.reason(notStored));
                        return;
                    }
                }
            };
            lanes.add(ingestWorkers == null ? CompletableFuture.runAsync(work, Runnable::run)
                    : ingestWorkers.submit(work));
        }
        for (Future<?> lane : lanes) {
            try {
                lane.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("interrupted");
            } catch (ExecutionException e) {
                failures.add(String.valueOf(e.getCause()));
            }
        }
        Collections.sort(stored);
        return new Ingested(stored, failures.isEmpty() ? null : failures.get(0));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        if (ingestWorkers != null) {
            ingestWorkers.shutdownNow();
        }
    }
}
