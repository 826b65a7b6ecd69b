package dev.switchboard.identity.internal;

import dev.switchboard.identity.Actor;
import dev.switchboard.identity.GroupSummary;
import dev.switchboard.identity.Requester;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserDirectory;
import dev.switchboard.identity.UserSummary;
import dev.switchboard.web.Problems;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcUserDirectory implements UserDirectory {

    private final UserRecords users;
    private final OrganizationRecords organizations;
    private final GroupRecords groups;
    private final Clock clock;

    JdbcUserDirectory(UserRecords users, OrganizationRecords organizations, GroupRecords groups, Clock clock) {
        this.users = users;
        this.organizations = organizations;
        this.groups = groups;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Requester requesterFor(String email, String name) {
        String address = email.trim();
        Optional<UserRow> known = users.byEmail(address);
        if (known.isPresent()) {
            return requester(known.get());
        }
        String domain = UserRecords.normalize(address.substring(address.lastIndexOf('@') + 1));
        Long organizationId = organizations.idForDomain(domain).orElse(null);
        String displayName = name == null || name.isBlank() ? address.substring(0, address.indexOf('@')) : name.trim();
        // A concurrent first contact may win the insert; then the row it made is read back.
        return users.insert(displayName, address, Role.CUSTOMER, organizationId, null, clock.instant())
                .map(id -> new Requester(id, displayName, address, organizationId))
                .orElseGet(() -> requester(users.byEmail(address).orElseThrow()));
    }

    private static Requester requester(UserRow user) {
        return new Requester(user.id(), user.name(), user.email(), user.organizationId());
    }

    @Override
    public Optional<UserSummary> findUser(long id) {
        return users.byId(id).map(UserRow::summary);
    }

    @Override
    public Map<Long, UserSummary> findUsers(Collection<Long> ids) {
        return users.byIds(ids).stream().map(UserRow::summary)
                .collect(Collectors.toMap(UserSummary::id, Function.identity()));
    }

    @Override
    public List<UserSummary> staff() {
        return users.activeStaff().stream().map(UserRow::summary).toList();
    }

    @Override
    public boolean groupExists(long groupId) {
        return groups.exists(groupId);
    }

    @Override
    public List<GroupSummary> groups() {
        return groups.all().stream().map(g -> new GroupSummary(g.id(), g.name(), g.memberIds())).toList();
    }

    @Override
    public Actor actorFor(long userId) {
        return users.byId(userId).map(UserRow::actor).orElseThrow(() -> Problems.notFound("User " + userId));
    }
}
