package dev.switchboard.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganizationRecords {

    record Organization(long id, String name, boolean sharedTickets, List<String> domains, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    OrganizationRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Organization> byId(long id) {
        return jdbc.sql("select id, name, shared_tickets, created_at from organizations where id = ?").param(id)
                .query(OrganizationRecords::row).optional().map(o -> withDomains(List.of(o)).get(0));
    }

    List<Organization> page(long afterId, int limit) {
        return withDomains(jdbc.sql("select id, name, shared_tickets, created_at from organizations where id > ? order by id limit ?")
                .params(afterId, limit).query(OrganizationRecords::row).list());
    }

    Optional<Long> idForDomain(String domain) {
        return jdbc.sql("select organization_id from organization_domains where domain = ?").param(domain)
                .query(Long.class).optional();
    }

    /** Domains among these that another organization already holds. */
    List<String> domainsHeldElsewhere(Collection<String> domains, long exceptOrganizationId) {
        if (domains.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select domain from organization_domains where domain in (:d) and organization_id <> :o order by domain")
                .param("d", domains).param("o", exceptOrganizationId).query(String.class).list();
    }

    boolean nameTaken(String name, long exceptId) {
        return jdbc.sql("select exists (select 1 from organizations where name_key = ? and id <> ?)")
                .params(UserRecords.normalize(name), exceptId).query(Boolean.class).single();
    }

    long insert(String name, boolean shared, Instant now) {
        jdbc.sql("insert into organizations (name, name_key, shared_tickets, created_at) values (?, ?, ?, ?)")
                .params(name, UserRecords.normalize(name), shared, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).update();
        return jdbc.sql("select id from organizations where name_key = ?").param(UserRecords.normalize(name))
                .query(Long.class).single();
    }

    void update(long id, String name, boolean shared) {
        jdbc.sql("update organizations set name = ?, name_key = ?, shared_tickets = ? where id = ?")
                .params(name, UserRecords.normalize(name), shared, id).update();
    }

    void replaceDomains(long id, Collection<String> domains) {
        jdbc.sql("delete from organization_domains where organization_id = ?").param(id).update();
        for (String domain : domains) {
            jdbc.sql("insert into organization_domains (domain, organization_id) values (?, ?)").params(domain, id).update();
        }
    }

    private List<Organization> withDomains(List<Organization> organizations) {
        if (organizations.isEmpty()) {
            return organizations;
        }
        Map<Long, List<String>> domains = new HashMap<>();
        jdbc.sql("select organization_id, domain from organization_domains where organization_id in (:ids) order by domain")
                .param("ids", organizations.stream().map(Organization::id).toList())
                .query(rs -> {
                    domains.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return organizations.stream().map(o -> new Organization(o.id(), o.name(), o.sharedTickets(),
                domains.getOrDefault(o.id(), List.of()), o.createdAt())).toList();
    }

    private static Organization row(ResultSet rs, int n) throws SQLException {
        return new Organization(rs.getLong("id"), rs.getString("name"), rs.getBoolean("shared_tickets"), List.of(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
