package tower.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tower.core.analysis.FadeResult;
import tower.core.analysis.HppcResult;
import tower.core.analysis.Pulse;
import tower.pipeline.LoadedTest;
import tower.pipeline.Pipeline;
import tower.pipeline.PipelineConfig;
import tower.pipeline.analysis.Analyses;
import tower.pipeline.synthetic.Generated;
import tower.server.auth.DuckCatalog;
import tower.store.Store;
import tower.store.StoredTest;

/** The demo store: every sample and generated test is stored, and the generated ones show their known truth. */
class DemoTest {
    @TempDir
    Path tmp;

    @Test
    void theDemoStoreHoldsTheSamplesAndGeneratedTestsWithTheirTruth() throws Exception {
        try (Store store = Store.open(tmp.resolve("store")); Pipeline p = new Pipeline(PipelineConfig.defaults())) {
            DuckCatalog catalog = new DuckCatalog(store);
            StringWriter log = new StringWriter();
            Demo.Login login = Demo.prepare(store, p, catalog, Path.of("..", "samples"), new PrintWriter(log));
            assertThat(catalog.authenticate(login.token())).map(c -> c.organisation()).contains(Demo.ORG);
            Map<String, StoredTest> byName = store.list().stream().collect(Collectors.toMap(StoredTest::fileName, t -> t));
            assertThat(byName).containsKeys("arbin_example.csv", "TestFile.nda", "maccor_example.001",
                    "ageing-ccv-800-cycles.csv", "hppc-10-soc.csv", "formation-5-cycles.csv");
            assertThat(log.toString()).doesNotContain("skipped");
            assertThat(catalog.sharing().owned(Demo.ORG)).hasSize(byName.size() - 1);
            // the partner's test is the demo organisation's to read, not to change
            StoredTest partner = byName.get("supplier-lot-A12-120-cycles.csv");
            assertThat(catalog.sharing().accessFor(partner.testId(), Demo.ORG, java.time.Instant.now()))
                    .contains(tower.server.sharing.Access.SHARED);
            assertThat(catalog.sharing().access(byName.get("ageing-ccv-800-cycles.csv").testId()).orElseThrow().projects())
                    .containsExactly(Demo.PROJECT);

            // ageing: end of life where the generator's capacity first falls below 80 % of cycle 1's
            StoredTest ageing = byName.get("ageing-ccv-800-cycles.csv");
            LoadedTest a = p.loadStored(store, ageing.testId(), Optional.empty());
            FadeResult fade = Analyses.fade(a.cycles(), a.steps(), Analyses.reference("first"), 0.8);
            int expected = 1;
            while (Generated.ageingCapacityAh(expected, 500, 250) >= 0.8 * Generated.ageingCapacityAh(1, 500, 250)) {
                expected++;
            }
            assertThat(fade.eolCycle().getAsLong()).isBetween(expected - 3L, expected + 3L);
            assertThat(fade.kneeCycle().getAsLong()).isBetween(480L, 700L);

            // HPPC: 20 pulses, resistance at the first sample = R0 (20 mOhm)
            StoredTest hppc = byName.get("hppc-10-soc.csv");
            LoadedTest h = p.loadStored(store, hppc.testId(), Optional.empty());
            HppcResult r = Analyses.hppc(h.series(), h.cycles(), h.steps(), 60, Double.NaN);
            assertThat(r.pulses()).hasSize(20);
            for (Pulse pulse : r.pulses()) {
                assertThat(pulse.resistanceOhm().get("first")).isCloseTo(0.020, within(0.002));
            }

            // formation: the first cycle's coulombic efficiency is the generator's 0.86
            StoredTest formation = byName.get("formation-5-cycles.csv");
            var cycles = store.cycles(formation.testId()).cycles();
            assertThat(cycles).hasSize(5);
            assertThat(cycles.get(0).coulombicEfficiency()).as("cycle 1 flags %s", cycles.get(0).flags()).isCloseTo(0.86, within(0.02));
            assertThat(cycles.get(2).coulombicEfficiency()).isCloseTo(0.995, within(0.02));

            // a second --demo on the same store issues a new token and loads nothing twice
            int before = store.list().size();
            Demo.Login again = Demo.prepare(store, p, catalog, Path.of("..", "samples"), new PrintWriter(new StringWriter()));
            assertThat(again.token()).isNotEqualTo(login.token());
            assertThat(store.list()).hasSize(before);
        }
    }

    @Test
    void demoRefusesAStoreWithOtherData() throws Exception {
        try (Store store = Store.open(tmp.resolve("other")); Pipeline p = new Pipeline(PipelineConfig.defaults())) {
            DuckCatalog catalog = new DuckCatalog(store);
            catalog.createOrganisation("someone", tower.server.auth.OrgKind.CELL);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Demo.prepare(store, p, catalog, Path.of("..", "samples"),
                    new PrintWriter(new StringWriter()))).hasMessageContaining("needs an empty store");
        }
    }
}
