package dev.switchboard.channel.email.inbound;

import jakarta.annotation.PreDestroy;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPFolder;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
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
 * <p>For each unseen message, oldest first: read its raw bytes (peeking, so reading does not flag it), hand
 * them to {@link EmailIngest} (which commits), and only then flag it \Seen. A message the server cannot send
 * us is skipped and tried again next poll; one that cannot be processed is quarantined by ingest and flagged
 * like the rest: a broken message never blocks the ones behind it.
 */
@Component
class MailboxPoller {

    static final int BATCH_MESSAGES = 10_000;
    static final long BATCH_BYTES = 32L * 1024 * 1024;
    /** Messages up to this size are fetched whole with their batch; larger ones one by one. */
    static final long PREFETCH_LIMIT = 256 * 1024;
    static final Duration LOCK_AT_MOST = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    private final MailboxRecords mailboxes;
    private final MailboxPasswords passwords;
    private final EmailIngest ingest;
    private final SeenFlags seen;
    private final LockingTaskExecutor locks;
    private final Clock clock;
    private final long timeoutMillis;
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
        this.timeoutMillis = timeout.toMillis();
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
        boolean stopped = false;
        List<String> problems = new ArrayList<>();
        ImapConnection imap = new ImapConnection(mailbox);
        try {
            Folder folder = imap.open();
            Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            FetchProfile uidAndSize = new FetchProfile();
            uidAndSize.add(UIDFolder.FetchProfileItem.UID);
            uidAndSize.add(FetchProfile.Item.SIZE);
            folder.fetch(unseen, uidAndSize);
            for (List<Message> batch : batches(unseen)) {
                if (stopped) {
                    break;
                }
                Message[] chunk = batch.toArray(Message[]::new);
                prefetch(folder, chunk);
                List<Long> uids = new ArrayList<>();
                List<byte[]> raws = new ArrayList<>();
                List<Long> sizes = new ArrayList<>();
                for (Message message : chunk) {
                    try {
                        long size = message.getSize();
                        raws.add(size > maxMessageBytes ? headersOnly(mailbox, message, size) : read(message, size));
                        sizes.add(size);
                        uids.add(((UIDFolder) folder).getUID(message));
                    } catch (MessagingException | IOException e) {
                        unreadable++;
                        problems.add("message " + uid(folder, message) + " could not be read from the server ("
                                + e.getMessage() + "); it stays unseen and is tried again next poll");
                    }
                }
                Ingested ingested = ingestAll(mailbox, raws, sizes);
                long[] done = ingested.stored().stream().mapToLong(uids::get).toArray();
                stored += done.length;
                if (ingested.failure() != null) {
                    problems.add("stopped: a message could not be stored (" + ingested.failure()
                            + "); the rest stays unseen for the next poll");
                    stopped = true;
                }
                if (!imap.isOpen()) {
                    // the server hung up while we were storing (an idle timeout on a long batch): flag what
                    // was stored over a new connection, and leave further batches to the next poll
                    folder = imap.reopen();
                    stopped = true;
                }
                try {
                    seen.mark(folder, byUid(folder, done));
                } catch (MessagingException | RuntimeException e) {
                    problems.add("could not flag " + done.length + " stored messages \\Seen (" + e.getMessage()
                            + "); they are fetched again next poll and recognized as stored");
                }
            }
        } catch (MessagingException | RuntimeException e) {
            problems.add(EmailIngest.reason(e));
        } finally {
            imap.close();
        }
        String error = problems.isEmpty() ? null : String.join("; ", problems);
        if (error != null) {
            log.warn("Mailbox {} ({}): {}", mailbox.id(), mailbox.address(), error);
        }
        mailboxes.polled(mailbox.id(), started, error);
        return new PollReport(mailbox.id(), true, stored, unreadable, error);
    }

    /** The messages with these UIDs, in the folder as it is now open (the IMAP client caches the mapping). */
    private static List<Message> byUid(Folder folder, long[] uids) throws MessagingException {
        List<Message> messages = new ArrayList<>();
        for (Message message : ((UIDFolder) folder).getMessagesByUID(uids)) {
            if (message != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    /** The connection to a mailbox's folder, which can be opened again when the server drops it. */
    private final class ImapConnection {
        private final Mailbox mailbox;
        private Store store;
        private Folder folder;

        ImapConnection(Mailbox mailbox) {
            this.mailbox = mailbox;
        }

        Folder open() throws MessagingException {
            Session session = Session.getInstance(properties(mailbox));
            store = session.getStore(protocol(mailbox));
            store.connect(mailbox.imapHost(), mailbox.imapPort(), mailbox.username(),
                    passwords.decrypt(mailbox.passwordEncrypted()));
            folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            return folder;
        }

        boolean isOpen() {
            return folder != null && folder.isOpen() && store.isConnected();
        }

        Folder reopen() throws MessagingException {
            close();
            return open();
        }

        void close() {
            MailboxPoller.close(folder, store);
            folder = null;
            store = null;
        }
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
    private Ingested ingestAll(Mailbox mailbox, List<byte[]> raws, List<Long> sizes) {
        List<Integer> stored = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> lanes = new ArrayList<>();
        for (List<Integer> lane : IngestLanes.of(raws).lanes()) {
            Runnable work = () -> {
                for (int i : lane) {
                    try {
                        if (sizes.get(i) > maxMessageBytes) {
                            ingest.oversized(raws.get(i), sizes.get(i), mailbox.id(), "imap");
                        } else {
                            ingest.ingest(raws.get(i), mailbox, "imap");
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

    /**
     * Cuts the unseen messages into batches, in server order: at most {@link #BATCH_MESSAGES} messages, and at
     * most {@link #BATCH_BYTES} of messages fetched whole with their batch, so memory stays bounded. Few, large
     * batches mean few commands: some servers (GreenMail among them) pay for every FETCH or STORE in
     * proportion to the folder's size, whatever the number of messages it names.
     */
    private List<List<Message>> batches(Message[] unseen) throws MessagingException {
        List<List<Message>> batches = new ArrayList<>();
        List<Message> batch = new ArrayList<>();
        long bytes = 0;
        for (Message message : unseen) {
            long size = message.getSize() <= PREFETCH_LIMIT ? message.getSize() : 0;
            if (!batch.isEmpty() && (batch.size() >= BATCH_MESSAGES || bytes + size > BATCH_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(message);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /**
     * Fetches the whole of every message of a batch up to {@link #PREFETCH_LIMIT} in one FETCH (BODY.PEEK[],
     * so nothing is flagged); larger ones are read one by one.
     */
    private void prefetch(Folder folder, Message[] batch) throws MessagingException {
        List<Message> small = new ArrayList<>();
        for (Message message : batch) {
            if (message.getSize() <= Math.min(PREFETCH_LIMIT, maxMessageBytes)) {
                small.add(message);
            }
        }
        FetchProfile whole = new FetchProfile();
        whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(small.toArray(Message[]::new), whole);
    }

    private static byte[] read(Message message, long size) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size > 0 ? (int) size : 8192);
        message.writeTo(out);
        return out.toByteArray();
    }

    /**
     * What is stored of a message over the size limit, which is not downloaded: its headers, and a line saying
     * where the whole message is (on the server, flagged \Seen like the rest).
     */
    private static byte[] headersOnly(Mailbox mailbox, Message message, long size) throws MessagingException {
        StringBuilder headers = new StringBuilder();
        for (Enumeration<String> lines = ((MimeMessage) message).getAllHeaderLines(); lines.hasMoreElements(); ) {
            headers.append(lines.nextElement()).append("\r\n");
        }
        return headers.append("\r\n[Switchboard: this message has ").append(size)
                .append(" bytes, more than the size limit, so only its headers were fetched. The whole message is in the folder ")
                .append(mailbox.folder()).append(" of ").append(mailbox.address()).append(" on ").append(mailbox.imapHost())
                .append(".]\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String uid(Folder folder, Message message) {
        try {
            return "UID " + ((UIDFolder) folder).getUID(message);
        } catch (MessagingException | ClassCastException e) {
            return "#" + message.getMessageNumber();
        }
    }

    private Properties properties(Mailbox mailbox) {
        String p = protocol(mailbox);
        Properties props = new Properties();
        props.setProperty("mail.store.protocol", p);
        props.setProperty("mail." + p + ".connectiontimeout", String.valueOf(timeoutMillis));
        props.setProperty("mail." + p + ".timeout", String.valueOf(timeoutMillis));
        props.setProperty("mail." + p + ".writetimeout", String.valueOf(timeoutMillis));
        props.setProperty("mail." + p + ".peek", "true"); // reading must not flag: only a committed message is \Seen
        props.setProperty("mail." + p + ".partialfetch", "false"); // one FETCH per message, not one per 16 KB
        if (mailbox.security() == MailboxSecurity.STARTTLS) {
            props.setProperty("mail.imap.starttls.enable", "true");
            props.setProperty("mail.imap.starttls.required", "true");
            props.setProperty("mail.imap.ssl.checkserveridentity", "true");
        } else if (mailbox.security() == MailboxSecurity.SSL) {
            props.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        }
        return props;
    }

    private static String protocol(Mailbox mailbox) {
        return mailbox.security() == MailboxSecurity.SSL ? "imaps" : "imap";
    }

    private static void close(Folder folder, Store store) {
        try {
            if (folder != null && folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException e) {
            log.debug("Closing the folder failed", e);
        }
        try {
            if (store != null) {
                store.close();
            }
        } catch (MessagingException e) {
            log.debug("Closing the IMAP connection failed", e);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        if (ingestWorkers != null) {
            ingestWorkers.shutdownNow();
        }
    }
}
