package dev.switchboard.ticket.internal;

import dev.switchboard.audit.AuditEntry;
import dev.switchboard.audit.AuditTrail;
import dev.switchboard.identity.Actor;
import dev.switchboard.ticket.Categories;
import dev.switchboard.ticket.Category;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.Problems;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class CategoryCatalog implements Categories {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    CategoryCatalog(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<Category> all(boolean activeOnly) {
        return jdbc.sql("select id, name, required_fields, position, active from categories"
                        + (activeOnly ? " where active" : "") + " order by position, name")
                .query(CategoryCatalog::row).list();
    }

    @Override
    public Optional<Category> byName(String name) {
        return jdbc.sql("select id, name, required_fields, position, active from categories where name_key = ?")
                .param(key(name)).query(CategoryCatalog::row).optional();
    }

    @Override
    @Transactional
    public long create(Actor admin, String name, Set<String> requiredFields, int position) {
        String clean = name(name);
        if (byName(clean).isPresent()) {
            throw Problems.conflict("A category named " + clean + " already exists.");
        }
        Instant now = clock.instant();
        jdbc.sql("insert into categories (name, name_key, required_fields, position, active, created_at) values (?, ?, ?, ?, true, ?)")
                .params(clean, key(clean), fields(requiredFields), position, TicketRecords.at(now)).update();
        long id = byName(clean).orElseThrow().id();
        audit.record(AuditEntry.action("category", id, "created", admin.userId(), admin.systemJob(), now)
                .withReason(clean));
        return id;
    }

    @Override
    @Transactional
    public void change(Actor admin, long id, String name, Set<String> requiredFields, Integer position, Boolean active) {
        Category current = all(false).stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> Problems.notFound("Category " + id));
        String newName = name == null ? current.name() : name(name);
        Optional<Category> clash = byName(newName);
        if (clash.isPresent() && clash.get().id() != id) {
            throw Problems.conflict("A category named " + newName + " already exists.");
        }
        String newFields = requiredFields == null ? fields(current.requiredFields()) : fields(requiredFields);
        int newPosition = position == null ? current.position() : position;
        boolean newActive = active == null ? current.active() : active;
        Instant now = clock.instant();
        jdbc.sql("update categories set name = ?, name_key = ?, required_fields = ?, position = ?, active = ? where id = ?")
                .params(newName, key(newName), newFields, newPosition, newActive, id).update();
        List<AuditEntry> entries = new ArrayList<>();
        change(entries, id, "name", current.name(), newName, admin, now);
        change(entries, id, "required_fields", fields(current.requiredFields()), newFields, admin, now);
        change(entries, id, "position", current.position(), newPosition, admin, now);
        change(entries, id, "active", current.active(), newActive, admin, now);
        audit.record(entries);
    }

    private static void change(List<AuditEntry> entries, long id, String field, Object before, Object after, Actor actor,
                               Instant now) {
        if (!Objects.equals(before, after)) {
            entries.add(AuditEntry.change("category", id, field, before, after, actor.userId(), actor.systemJob(), now));
        }
    }

    private static String name(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw InvalidRequest.field("name", "1 to 100 characters");
        }
        return clean;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String fields(Set<String> fields) {
        Set<String> sorted = new TreeSet<>(fields == null ? Set.of() : fields);
        for (String field : sorted) {
            if (!Category.FIELDS.contains(field)) {
                throw InvalidRequest.field("required_fields", "unknown field '" + field + "'; allowed: attachments, description, urgency");
            }
        }
        return String.join(",", sorted);
    }

    private static Category row(ResultSet rs, int n) throws SQLException {
        String fields = rs.getString("required_fields");
        return new Category(rs.getLong("id"), rs.getString("name"), fields.isBlank() ? Set.of()
                : Arrays.stream(fields.split(",")).collect(Collectors.toUnmodifiableSet()),
                rs.getInt("position"), rs.getBoolean("active"));
    }
}
