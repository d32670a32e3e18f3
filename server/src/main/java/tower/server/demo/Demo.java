package tower.server.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tower.core.ingest.InputException;
import tower.core.ingest.Progress;
import tower.pipeline.Pipeline;
import tower.pipeline.errors.Failure;
import tower.pipeline.errors.TowerException;
import tower.pipeline.ingest.IngestSpec;
import tower.pipeline.ingest.Ingested;
import tower.pipeline.ingest.Ingester;
import tower.pipeline.read.ReadSpec;
import tower.pipeline.synthetic.Generated;
import tower.server.api.TestsApi;
import tower.server.auth.Catalog;
import tower.server.auth.OrgKind;
import tower.server.auth.Role;
import tower.server.sharing.Grant;
import tower.server.sharing.Visibility;
import tower.store.Store;

/** Prepares the demo store: organisation, admin user, the samples and the generated tests, all through the pipeline. */
public final class Demo {
    private Demo() {
    }

    public static final String ORG = "demo";
    public static final String USER = "demo@example.org";

    /** What the user needs to log in. */
    public record Login(String email, String token) {
    }

    /**
     * On an empty store, creates the demo organisation and user and loads the data; on a store prepared by an
     * earlier {@code --demo}, issues a new token for the demo user. Any other store is refused.
     */
    public static Login prepare(Store store, Pipeline pipeline, Catalog catalog, Path samples, PrintWriter log)
            throws IOException {
        if (catalog.organisation(ORG).isPresent() && catalog.user(USER).isPresent()) {
            log.println("demo: the store holds the demo data already; issuing a new login token");
            return new Login(USER, catalog.createToken(USER, "demo").secret());
        }
        if (!store.list().isEmpty() || !catalog.organisations().isEmpty()) {
            throw TowerException.badParameter("--demo needs an empty store, and " + store.directory()
                    + " holds data already (use --store DIR with a new folder)");
        }
        catalog.createOrganisation(ORG, OrgKind.CELL);
        Catalog.IssuedUser user = catalog.createUser(ORG, USER, Role.ADMIN);
        Ingester ingester = new Ingester(pipeline);
        IngestSpec base = IngestSpec.of(ReadSpec.DEFAULT.withStoreZone(Pipeline.storeZone(store)))
                .withNamespace(TestsApi.namespace(ORG));
        int stored = 0;
        if (Files.isDirectory(samples)) {
            java.util.Set<Path> consumed = new java.util.HashSet<>();
            for (Path f : Ingester.expand(samples)) {
                if (consumed.contains(f.toAbsolutePath().normalize())) {
                    continue;
                }
                try {
                    var reader = pipeline.readerFor(f, base.read());
                    reader.companions(f).forEach(p -> consumed.add(p.toAbsolutePath().normalize()));
                    Ingested done = ingester.ingest(store, f, reader, base.withDisplayName(f.getFileName().toString()),
                            Progress.NONE);
                    catalog.addOwner(done.result().test().testId(), ORG);
                    stored++;
                    log.printf("demo: %s %s (%s)%n", done.result().test().testId(), f.getFileName(), done.result().test().format());
                } catch (InputException e) {
                    log.println("demo: skipped " + f.getFileName() + ": " + Failure.of(e).message());
                }
                log.flush();
            }
        } else {
            log.println("demo: no samples folder at " + samples + "; only generated tests are loaded");
        }
        Path tmp = Files.createTempDirectory(Files.createDirectories(store.directory().resolve("uploads")), "demo-");
        try {
            record Gen(String name, String cell, Generator g) {
            }
            List<Gen> gens = List.of(
                    new Gen("ageing-ccv-800-cycles.csv", "DEMO-AGEING-1", f -> Generated.ageing(f, 800, 500, 250, 30)),
                    new Gen("hppc-10-soc.csv", "DEMO-HPPC-1", Generated::hppc),
                    new Gen("formation-5-cycles.csv", "DEMO-FORMATION-1", Generated::formation));
            for (Gen g : gens) {
                Path f = tmp.resolve(g.name());
                long rows = g.g().write(f);
                Ingested done = ingester.ingest(store, f, base.withDisplayName(g.name()).withCell(Optional.of(g.cell())),
                        Progress.NONE);
                catalog.addOwner(done.result().test().testId(), ORG);
                stored++;
                log.printf("demo: %s %s (generated, %d rows)%n", done.result().test().testId(), g.name(), rows);
                log.flush();
            }
        } finally {
            try (var walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        cooperation(store, pipeline, catalog, base, log);
        log.printf("demo: %d tests stored for organisation '%s'%n", stored, ORG);
        log.flush();
        return new Login(USER, user.token().secret());
    }

    public static final String PARTNER = "Anode Materials";
    public static final String PROJECT_MEMBER = "Pack Systems";
    public static final String PROJECT = "Fast-charge ageing";

    /**
     * Cooperation to look at: a material supplier shares a test of its own with the demo organisation (read-only,
     * with a purpose and an expiry), and the demo organisation's ageing test is attached to a joint project with a
     * pack maker.
     */
    private static void cooperation(Store store, Pipeline pipeline, Catalog catalog, IngestSpec base, PrintWriter log)
            throws IOException {
        catalog.createOrganisation(PARTNER, OrgKind.MATERIAL);
        catalog.createOrganisation(PROJECT_MEMBER, OrgKind.PACK);
        catalog.createUser(PARTNER, "lab@anode.example", Role.MEMBER);
        catalog.createUser(PROJECT_MEMBER, "validation@packs.example", Role.MEMBER);
        Path tmp = Files.createTempDirectory(store.directory().resolve("uploads"), "demo-partner-");
        try {
            Path f = tmp.resolve("supplier-lot-A12-120-cycles.csv");
            Generated.ageing(f, 120, 90, 40, 30);
            Ingested done = new Ingester(pipeline).ingest(store, f, base.withNamespace(TestsApi.namespace(PARTNER))
                    .withDisplayName(f.getFileName().toString()).withCell(Optional.of("ANODE-LOT-A12")), Progress.NONE);
            String id = done.result().test().testId();
            catalog.addOwner(id, PARTNER);
            java.time.Instant now = java.time.Instant.now();
            catalog.sharing().grant(new Grant(id, ORG, "anode qualification for the next cell design",
                    Optional.of(now.plus(java.time.Duration.ofDays(90))), now, "lab@anode.example"));
            catalog.sharing().setVisibility(id, Visibility.SHARED);
            log.printf("demo: %s %s (owned by %s, shared with %s)%n", id, f.getFileName(), PARTNER, ORG);
        } finally {
            try (var walk = Files.walk(tmp)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        catalog.sharing().createProject(PROJECT, ORG, List.of(PROJECT_MEMBER));
        for (var t : store.list()) {
            if (t.fileName().startsWith("ageing-") && catalog.sharing().access(t.testId()).map(a -> a.owner().equals(ORG))
                    .orElse(false)) {
                catalog.sharing().setProjects(t.testId(), java.util.Set.of(PROJECT));
                catalog.sharing().setVisibility(t.testId(), Visibility.PROJECT);
            }
        }
        log.printf("demo: project '%s' led by %s with %s%n", PROJECT, ORG, PROJECT_MEMBER);
    }

    @FunctionalInterface
    private interface Generator {
        long write(Path file) throws IOException;
    }
}
