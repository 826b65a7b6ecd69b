package dev.switchboard.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Honours the {@code Idempotency-Key} header on create calls: a retry with the same key and the same
 * request gets the resource the first call created, never a second one.
 */
public interface IdempotentCreations {

    /**
     * Runs {@code create} in one transaction with the key's claim, unless the key was used before.
     *
     * @param key         the header's value, or null when the caller sent none
     * @param fingerprint identifies the request's content; the same key with another request is refused
     *                    (may be null when {@code key} is null)
     * @param load        reads the created resource for the answer: as the transaction commits, after
     *                    whatever else runs then (triggers), so the caller sees it as stored
     */
    <T> Created<T> create(long callerId, String key, String operation, String fingerprint, LongSupplier create,
                          LongFunction<T> load);

    /**
     * {@link #create} for creations that arrive in numbers and lock nothing others hold for long (a new ticket):
     * concurrent ones may share one transaction ({@code storage.GroupCommit}), each with its own outcome.
     * {@code create} and {@code load} may then run on another request's thread and, should the shared
     * transaction fail, run again: they must use only what they are given and the database.
     */
    <T> Created<T> createGrouped(long callerId, String key, String operation, String fingerprint, LongSupplier create,
                                 LongFunction<T> load);

    /** A fingerprint of a request value (records print all their fields, so equal requests match). */
    static String fingerprint(Object request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(request).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
