package dev.switchboard.channel.email.inbound;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mailbox's folder on its IMAP server, for the length of a poll: which messages are unseen, their raw
 * bytes (read with BODY.PEEK[], so reading flags nothing), and a connection that can be opened again when
 * the server drops it. Commands are few and large: every one costs a round trip, and some servers (GreenMail
 * among them) pay for each FETCH or STORE in proportion to the folder's size, whatever it names.
 */
final class ImapInbox implements AutoCloseable {

    /** What was read of one message: all of it, or (over the size limit) its headers and where it is. */
    record Fetched(long uid, long size, byte[] raw, boolean oversized) {
    }

    static final int BATCH_MESSAGES = 10_000;
    /** Messages fetched whole with their batch, at most this many bytes of them per batch. */
    static final long BATCH_BYTES = 32L * 1024 * 1024;
    /** Messages up to this size are fetched whole with their batch; larger ones one by one. */
    static final long PREFETCH_LIMIT = 256 * 1024;
    private static final int MAX_FOLDER_NAMES = 30;
    private static final Logger log = LoggerFactory.getLogger(ImapInbox.class);

    private final Mailbox mailbox;
    private final String password;
    private final long timeoutMillis;
    private final long maxMessageBytes;
    private Store store;
    private Folder folder;

    private ImapInbox(Mailbox mailbox, String password, Duration timeout, long maxMessageBytes) {
        this.mailbox = mailbox;
        this.password = password;
        this.timeoutMillis = timeout.toMillis();
        this.maxMessageBytes = maxMessageBytes;
    }

    static ImapInbox open(Mailbox mailbox, String password, Duration timeout, long maxMessageBytes)
            throws MessagingException {
        ImapInbox inbox = new ImapInbox(mailbox, password, timeout, maxMessageBytes);
        try {
            inbox.connect();
        } catch (MessagingException | RuntimeException e) {
            inbox.close(); // signed in but the folder would not open: do not leave the connection behind
            throw e;
        }
        return inbox;
    }

    Folder folder() {
        return folder;
    }

    /**
     * The unseen messages, oldest first, with their UIDs and sizes, cut into batches: at most
     * {@link #BATCH_MESSAGES} messages, and at most {@link #BATCH_BYTES} of those fetched whole, so memory
     * stays bounded.
     */
    List<List<Message>> unseenBatches() throws MessagingException {
        Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        FetchProfile uidAndSize = new FetchProfile();
        uidAndSize.add(UIDFolder.FetchProfileItem.UID);
        uidAndSize.add(FetchProfile.Item.SIZE);
        folder.fetch(unseen, uidAndSize);
        List<List<Message>> batches = new ArrayList<>();
        List<Message> batch = new ArrayList<>();
        long bytes = 0;
        for (Message message : unseen) {
            long size = prefetched(message) ? message.getSize() : 0;
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
     * Reads a batch: the whole of every message up to {@link #PREFETCH_LIMIT} in one FETCH, larger ones one
     * by one, and of those over the size limit only the headers. A message the server fails to send is left
     * out and named in {@code problems}; it stays unseen and is tried again next poll.
     */
    List<Fetched> read(List<Message> batch, List<String> problems) throws MessagingException {
        List<Message> small = new ArrayList<>();
        for (Message message : batch) {
            if (prefetched(message)) {
                small.add(message);
            }
        }
        FetchProfile whole = new FetchProfile();
        whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(small.toArray(Message[]::new), whole);
        List<Fetched> fetched = new ArrayList<>();
        for (Message message : batch) {
            long uid = ((UIDFolder) folder).getUID(message);
            try {
                long size = message.getSize();
                fetched.add(size > maxMessageBytes ? new Fetched(uid, size, headersOnly(message, size), true)
                        : new Fetched(uid, size, raw(message, size), false));
            } catch (MessagingException | IOException e) {
                problems.add("message UID " + uid + " could not be read from the server (" + e.getMessage()
                        + "); it stays unseen and is tried again next poll");
            }
        }
        return fetched;
    }

    /** The messages with these UIDs, in the folder as it is open now (the client knows the mapping already). */
    List<Message> byUid(long[] uids) throws MessagingException {
        List<Message> messages = new ArrayList<>();
        for (Message message : ((UIDFolder) folder).getMessagesByUID(uids)) {
            if (message != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    boolean isOpen() {
        return folder != null && folder.isOpen() && store.isConnected();
    }

    /** Connects again, after the server hung up (an idle timeout while a long batch was being stored). */
    void reopen() throws MessagingException {
        close();
        connect();
    }

    @Override
    public void close() {
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
        folder = null;
        store = null;
    }

    private void connect() throws MessagingException {
        Session session = Session.getInstance(properties());
        store = session.getStore(protocol());
        store.connect(mailbox.imapHost(), mailbox.imapPort(), mailbox.username(), password);
        folder = store.getFolder(mailbox.folder());
        if (!folder.exists()) {
            throw new FolderNotFoundException(folder, "There is no folder '" + mailbox.folder() + "' on "
                    + mailbox.imapHost() + "; the folders there are: " + folderNames());
        }
        folder.open(Folder.READ_WRITE);
    }

    /** The names of the folders the account has (the first few), to say what a mistyped folder could be. */
    private String folderNames() {
        try {
            List<String> names = new ArrayList<>();
            for (Folder each : store.getDefaultFolder().list("*")) {
                if ((each.getType() & Folder.HOLDS_MESSAGES) != 0) {
                    names.add(each.getFullName());
                }
            }
            Collections.sort(names);
            return names.isEmpty() ? "none" : names.size() > MAX_FOLDER_NAMES
                    ? String.join(", ", names.subList(0, MAX_FOLDER_NAMES)) + ", …" : String.join(", ", names);
        } catch (MessagingException e) {
            return "(the server would not list them: " + e.getMessage() + ")";
        }
    }

    private boolean prefetched(Message message) throws MessagingException {
        return message.getSize() <= Math.min(PREFETCH_LIMIT, maxMessageBytes);
    }

    private static byte[] raw(Message message, long size) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size > 0 ? (int) size : 8192);
        message.writeTo(out);
        return out.toByteArray();
    }

    /**
     * What is stored of a message over the size limit, which is not downloaded: its headers, and a line saying
     * where the whole message is (on the server, flagged \Seen like the rest).
     */
    private byte[] headersOnly(Message message, long size) throws MessagingException {
        StringBuilder headers = new StringBuilder();
        for (Enumeration<String> lines = ((MimeMessage) message).getAllHeaderLines(); lines.hasMoreElements(); ) {
            headers.append(lines.nextElement()).append("\r\n");
        }
        return headers.append("\r\n[Switchboard: this message has ").append(size)
                .append(" bytes, more than the size limit, so only its headers were fetched. The whole message is in the folder ")
                .append(mailbox.folder()).append(" of ").append(mailbox.address()).append(" on ").append(mailbox.imapHost())
                .append(".]\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private Properties properties() {
        String p = protocol();
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

    private String protocol() {
        return mailbox.security() == MailboxSecurity.SSL ? "imaps" : "imap";
    }
}
