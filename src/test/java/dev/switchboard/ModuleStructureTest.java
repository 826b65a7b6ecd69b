package dev.switchboard;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Modules talk only through each other's top-level package (their API) and have no cycles; anything in a
 * module's subpackages is private to it.
 */
class ModuleStructureTest {

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        ApplicationModules.of(SwitchboardApplication.class).verify();
    }
}
