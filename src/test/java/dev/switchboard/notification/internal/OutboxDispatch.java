package dev.switchboard.notification.internal;

import org.springframework.context.ApplicationContext;

/** Lets tests outside this package run the outbox dispatcher once, as the scheduler would. */
public final class OutboxDispatch {

    private OutboxDispatch() {
    }

    public static int runOnce(ApplicationContext context) {
        return context.getBean(OutboxDispatcher.class).dispatch();
    }
}
