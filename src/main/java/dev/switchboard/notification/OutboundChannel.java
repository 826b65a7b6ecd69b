package dev.switchboard.notification;

/**
 * A way out (email, later chat, Telegram, webhooks). The outbox dispatcher calls {@link #deliver} for each
 * item of this channel; throwing means "not delivered, try again later" unless the exception is a
 * {@link DeliveryRefused}, which is final.
 */
public interface OutboundChannel {

    /** The channel name items carry, e.g. {@code email}. */
    String channel();

    void deliver(OutboxDelivery delivery) throws Exception;

    /** A permanent failure (an invalid address, a 5xx from the receiving server): no retry will help. */
    class DeliveryRefused extends RuntimeException {
        public DeliveryRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
