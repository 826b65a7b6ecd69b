package dev.switchboard.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The identity module's public face: who people are, for the modules that hold their work. */
public interface UserDirectory {

    /**
     * The customer with this email, created on first contact (their organization matched by email
     * domain). Safe under concurrent first contacts: one user per address.
     */
    Requester requesterFor(String email, String name);

    Optional<UserSummary> findUser(long id);

    Map<Long, UserSummary> findUsers(Collection<Long> ids);

    /** Active admins and agents: the people tickets can be assigned to. */
    List<UserSummary> staff();

    boolean groupExists(long groupId);

    /** The groups of agents, by name. */
    List<GroupSummary> groups();

    /** An actor for a user, as if they acted themselves (used where a channel speaks for a requester). */
    Actor actorFor(long userId);
}
