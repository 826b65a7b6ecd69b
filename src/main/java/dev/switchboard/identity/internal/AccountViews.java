package dev.switchboard.identity.internal;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the account API answers. */
final class AccountViews {

    private AccountViews() {
    }

    record UserView(long id, String name, String email, String role, Long organizationId, boolean active,
                    String locale, boolean emailNotifications, String availability, int capacity, Instant createdAt,
                    Instant updatedAt) {
        static UserView of(UserRow u) {
            return new UserView(u.id(), u.name(), u.email(), u.role().code(), u.organizationId(), u.active(),
                    u.locale(), u.emailNotifications(), u.availability(), u.capacity(), u.createdAt(), u.updatedAt());
        }
    }

    record OrganizationView(long id, String name, List<String> domains, boolean sharedTickets, Instant createdAt) {
        static OrganizationView of(OrganizationRecords.Organization o) {
            return new OrganizationView(o.id(), o.name(), o.domains(), o.sharedTickets(), o.createdAt());
        }
    }

    /** A group; {@code sections} are what other modules keep about it ({@code assignment}), as top-level fields. */
    record GroupView(long id, String name, List<Long> memberIds, Instant createdAt,
                     @JsonIgnore Map<String, Object> sections) {
        static GroupView of(GroupRecords.Group g, Map<String, Object> sections) {
            return new GroupView(g.id(), g.name(), g.memberIds(), g.createdAt(), sections);
        }

        @JsonAnyGetter
        public Map<String, Object> sectionFields() {
            return sections;
        }
    }

    record TokenView(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        static TokenView of(ApiTokenRecords.ApiToken t) {
            return new TokenView(t.id(), t.name(), t.prefix(), t.createdAt(), t.lastUsedAt(), t.revokedAt());
        }
    }

    /** The only time a token's secret is shown. */
    record NewTokenView(long id, String name, String prefix, String token, Instant createdAt) {
    }
}
