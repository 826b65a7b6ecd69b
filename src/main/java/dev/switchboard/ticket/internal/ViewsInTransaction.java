package dev.switchboard.ticket.internal;

import dev.switchboard.ticket.TicketView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ticket views read within one transaction. A new ticket is read by everyone who reacts to it in its
 * transaction (routing, the SLA clock, the confirmation, the API's answer): this lets them share one read.
 * Any write to a ticket forgets them all, so a read after a change always sees the change.
 */
@Component
class ViewsInTransaction {

    private final Object key = new Object();

    @SuppressWarnings("unchecked")
    Optional<TicketView> get(long id, Supplier<Optional<TicketView>> load) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return load.get();
        }
        Map<Long, Optional<TicketView>> views = (Map<Long, Optional<TicketView>>) TransactionSynchronizationManager.getResource(key);
        if (views == null) {
            views = new HashMap<>();
            TransactionSynchronizationManager.bindResource(key, views);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        Optional<TicketView> view = views.get(id);
        if (view == null) {
            view = load.get();
            views.put(id, view);
        }
        return view;
    }

    void forget() {
        if (TransactionSynchronizationManager.getResource(key) instanceof Map<?, ?> views) {
            views.clear();
        }
    }
}
