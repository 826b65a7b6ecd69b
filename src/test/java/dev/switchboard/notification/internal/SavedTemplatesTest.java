package dev.switchboard.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.notification.internal.NotificationTemplates.Template;
import dev.switchboard.storage.ConfigCaches;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Every notification reads the admins' templates and the on/off switches from memory: once for all of them,
 * again after the configured time or a change through this node.
 */
class SavedTemplatesTest {

    private final AtomicLong nanos = new AtomicLong();
    private final ConfigCaches caches = new ConfigCaches(Duration.ofSeconds(5), nanos::get);
    private final AtomicInteger reads = new AtomicInteger();

    private final TemplateRecords templateRecords = new TemplateRecords(null) {
        @java.lang.Override // TemplateRecords.Override, an admin's template, would shadow the annotation
        Map<String, Template> all() {
            reads.incrementAndGet();
            return Map.of("ticket_created/ru", new Template("Получено", "Текст", "<p>Текст</p>"));
        }
    };

    private final SwitchRecords switchRecords = new SwitchRecords(null) {
        @Override
        Map<TemplateKey, Boolean> all() {
            reads.incrementAndGet();
            Map<TemplateKey, Boolean> all = new EnumMap<>(TemplateKey.class);
            for (TemplateKey key : TemplateKey.values()) {
                all.put(key, key != TemplateKey.TICKET_CREATED);
            }
            return all;
        }
    };

    @Test
    void savedTemplatesAreReadOnceForEveryKeyAndLanguageUntilTheTtlPassesOrOneChanges() {
        SavedTemplates saved = new SavedTemplates(templateRecords, caches);
        for (int i = 0; i < 50; i++) {
            assertThat(saved.of(TemplateKey.TICKET_CREATED, "ru")).map(Template::subject).contains("Получено");
            assertThat(saved.of(TemplateKey.TICKET_CREATED, "en")).isEmpty();
            assertThat(saved.of(TemplateKey.TICKET_PENDING, "ru")).isEmpty();
        }
        assertThat(reads).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        saved.of(TemplateKey.TICKET_CREATED, "ru");
        assertThat(reads).as("another node's edit is used after the TTL").hasValue(2);

        saved.changed();
        saved.of(TemplateKey.TICKET_CREATED, "ru");
        assertThat(reads).as("an edit on this node at once").hasValue(3);
    }

    @Test
    void switchesAreReadOnceForEveryNotificationUntilTheTtlPassesOrOneIsFlipped() {
        SwitchStates states = new SwitchStates(switchRecords, caches);
        for (int i = 0; i < 50; i++) {
            assertThat(states.isOn(TemplateKey.TICKET_CREATED)).isFalse();
            assertThat(states.isOn(TemplateKey.TICKET_RESOLVED)).isTrue();
            assertThat(states.isOn(TemplateKey.AGENT_REPLY)).isTrue();
        }
        assertThat(reads).hasValue(1);

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        states.isOn(TemplateKey.TICKET_CREATED);
        assertThat(reads).hasValue(2);

        states.changed();
        states.isOn(TemplateKey.TICKET_CREATED);
        assertThat(reads).hasValue(3);
    }
}
