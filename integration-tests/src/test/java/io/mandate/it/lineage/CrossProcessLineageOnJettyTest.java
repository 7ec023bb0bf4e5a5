package io.mandate.it.lineage;

import org.junit.jupiter.api.TestInstance;

/** The same two JVMs with Jetty 12 (ee10) as the service's servlet container. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossProcessLineageOnJettyTest extends CrossProcessLineageTest {
    @Override
    String container() {
        return "jetty";
    }
}
