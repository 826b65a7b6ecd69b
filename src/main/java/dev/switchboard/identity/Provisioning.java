package dev.switchboard.identity;

import java.util.List;

/** Creating accounts from code (demo data, imports), with the same rules and audit as the admin API. */
public interface Provisioning {

    long createOrganization(Actor actor, String name, List<String> domains, boolean sharedTickets);

    long createUser(Actor actor, String name, String email, Role role, Long organizationId, String password);

    long createGroup(Actor actor, String name, List<Long> memberIds);
}
