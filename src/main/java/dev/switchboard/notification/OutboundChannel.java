package dev.switchboard.notification;

/**
 * A way out (email, later chat, Telegram, webhooks). The outbox dispatcher calls {@link #deliver} for each
 * item of this channel; throwing means "not delivered, try again later" unless the exception is a
 * {@link DeliveryRefused}, which is final, or a {@link ChannelUnavailable}, which blames no item.
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

    /**
     * The way out is down as a whole (no connection to the mail relay, our sign-in refused): no item is at
     * fault, so none spends an attempt; the channel is paused and tried again later.
     */
    class ChannelUnavailable extends RuntimeException {
        public ChannelUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
