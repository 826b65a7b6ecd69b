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
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    static final int CHUNK = 100;
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

    MailboxPoller(MailboxRecords mailboxes, MailboxPasswords passwords, EmailIngest ingest, SeenFlags seen,
                  LockProvider lockProvider, Clock clock,
                  @Value("${switchboard.mail.imap-timeout:30s}") Duration timeout,
                  @Value("${switchboard.mail.max-message-size:35MB}") DataSize maxMessageSize,
                  @Value("${switchboard.mail.poll-threads:2}") int threads) {
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
        Store store = null;
        Folder folder = null;
        try {
            Session session = Session.getInstance(properties(mailbox));
            store = session.getStore(protocol(mailbox));
            store.connect(mailbox.imapHost(), mailbox.imapPort(), mailbox.username(), passwords.decrypt(mailbox.passwordEncrypted()));
            folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
            for (int from = 0; from < unseen.length; from += CHUNK) {
                Message[] chunk = Arrays.copyOfRange(unseen, from, Math.min(unseen.length, from + CHUNK));
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(FetchProfile.Item.SIZE);
                folder.fetch(chunk, profile);
                List<Message> done = new ArrayList<>();
                for (Message message : chunk) {
                    long size;
                    byte[] raw;
                    try {
                        size = message.getSize();
                        raw = size > maxMessageBytes ? headersOnly(mailbox, message, size) : read(message, size);
                    } catch (MessagingException | IOException e) {
                        unreadable++;
                        problems.add("message " + uid(folder, message) + " could not be read from the server ("
                                + e.getMessage() + "); it stays unseen and is tried again next poll");
                        continue;
                    }
                    // ingest throws only when the message could not be stored at all: the poll stops there
                    if (size > maxMessageBytes) {
                        ingest.oversized(raw, size, mailbox.id(), "imap");
                    } else {
                        ingest.ingest(raw, mailbox.id(), "imap");
                    }
                    stored++;
                    done.add(message);
                }
                try {
                    seen.mark(folder, done);
                } catch (MessagingException | RuntimeException e) {
                    problems.add("could not flag " + done.size() + " stored messages \\Seen (" + e.getMessage()
                            + "); they are fetched again next poll and recognized as stored");
                }
            }
        } catch (MessagingException | RuntimeException e) {
            problems.add(EmailIngest.reason(e));
        } finally {
            close(folder, store);
        }
        String error = problems.isEmpty() ? null : String.join("; ", problems);
        if (error != null) {
            log.warn("Mailbox {} ({}): {}", mailbox.id(), mailbox.address(), error);
        }
        mailboxes.polled(mailbox.id(), started, error);
        return new PollReport(mailbox.id(), true, stored, unreadable, error);
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
    }
}
