package dev.switchboard.notification.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Page;
import dev.switchboard.web.Problems;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Which notifications are sent: {@code GET /api/v1/notification-settings}, and a {@code PATCH} per notification. */
@RestController
@RequestMapping("/api/v1/notification-settings")
class NotificationSwitchApi {

    record Setting(String key, boolean enabled, boolean switchable) {
    }

    record SettingBody(Boolean enabled) {
    }

    private final NotificationSwitches switches;

    NotificationSwitchApi(NotificationSwitches switches) {
        this.switches = switches;
    }

    @GetMapping
    Page<Setting> list(Actor actor) {
        TemplateChanges.requireAdmin(actor);
        List<Setting> items = switches.all().entrySet().stream()
                .map(e -> new Setting(e.getKey().code(), e.getValue(), e.getKey().switchable())).toList();
        return new Page<>(items, null);
    }

    @PatchMapping("/{key}")
    Setting change(Actor actor, @PathVariable String key, @RequestBody SettingBody body) {
        TemplateChanges.requireAdmin(actor);
        TemplateKey template = TemplateKey.ofCode(key).orElseThrow(() -> Problems.notFound("Notification " + key));
        if (body.enabled() == null) {
            throw InvalidRequest.field("enabled", "is required (true or false)");
        }
        switches.set(actor, template, body.enabled());
        return new Setting(template.code(), switches.isOn(template), template.switchable());
    }
}
