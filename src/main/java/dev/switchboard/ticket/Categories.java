package dev.switchboard.ticket;

import dev.switchboard.identity.Actor;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The categories admins configure, in their order. */
public interface Categories {

    List<Category> all(boolean activeOnly);

    Optional<Category> byName(String name);

    long create(Actor admin, String name, Set<String> requiredFields, int position);

    void change(Actor admin, long id, String name, Set<String> requiredFields, Integer position, Boolean active);
}
