package dev.switchboard.notification.internal;

import dev.switchboard.notification.internal.NotificationTemplates.Template;
import dev.switchboard.storage.ConfigCaches;
import dev.switchboard.storage.ConfigCaches.ConfigValue;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Admins' versions of the templates, as this node last read them: every notification takes its template from
 * here instead of the database. {@link TemplateChanges} clears it on every save and reset; an edit made
 * through another node is used here within {@code switchboard.config-cache.ttl}.
 */
@Component
class SavedTemplates {

    private final TemplateRecords records;
    private final ConfigValue<Map<String, Template>> saved;

    SavedTemplates(TemplateRecords records, ConfigCaches caches) {
        this.records = records;
        this.saved = caches.createValue();
    }

    /** The admin's version of this template, if there is one. */
    Optional<Template> of(TemplateKey key, String locale) {
        return Optional.ofNullable(saved.get(() -> records.all()).get(key.code() + "/" + locale));
    }

    /** Forgets the templates at once and again when the transaction of the change has completed. */
    void changed() {
        saved.evict();
    }
}
