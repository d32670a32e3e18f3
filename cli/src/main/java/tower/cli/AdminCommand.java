package tower.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tower.server.auth.Catalog;
import tower.server.auth.DuckCatalog;
import tower.server.auth.OrgKind;
import tower.server.auth.Role;
import tower.store.Store;

@Command(name = "admin", mixinStandardHelpOptions = true,
        description = {"Organisations, users and API tokens of the store (run while no server holds the store).",
                "A new token is printed once, alone on the last line of standard output; only its hash is stored."},
        subcommands = {AdminCommand.CreateOrg.class, AdminCommand.CreateUser.class, AdminCommand.CreateToken.class,
                AdminCommand.RevokeToken.class, AdminCommand.AssignTests.class})
final class AdminCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs work against the store's catalogue; catalogue errors (conflicts, bad names) surface as one-line errors. */
    static <T> T withCatalog(StoreOptions store, java.util.function.BiFunction<Store, Catalog, T> work) throws Exception {
        try (Store s = store.open()) {
            return work.apply(s, new DuckCatalog(s));
        }
    }

    @Command(name = "create-org", mixinStandardHelpOptions = true, description = "Creates an organisation.")
    static final class CreateOrg implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--kind", paramLabel = "KIND",
                description = "material, cell (default), pack, application, recycler, test_center or public.")
        String kind = "cell";
        @CommandLine.Mixin
        StoreOptions store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            OrgKind k = OrgKind.parse(kind);
            var org = withCatalog(store, (s, c) -> c.createOrganisation(name, k));
            PrintWriter out = spec.commandLine().getOut();
            out.println("organisation " + org.name() + " (" + org.kind().label() + ") created");
            out.flush();
            return 0;
        }
    }

    @Command(name = "create-user", mixinStandardHelpOptions = true,
            description = "Creates a user of an organisation and prints its first API token (last line).")
    static final class CreateUser implements Callable<Integer> {
        @Option(names = "--org", required = true, paramLabel = "NAME")
        String org;
        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, member or viewer.")
        String role;
        @CommandLine.Mixin
        StoreOptions store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Role r = Role.parse(role);
            Catalog.IssuedUser u = withCatalog(store, (s, c) -> c.createUser(org, email, r));
            PrintWriter out = spec.commandLine().getOut();
            out.println("user " + u.user().email() + " (" + u.user().role().label() + " of " + u.user().organisation()
                    + ") created; token id " + u.token().tokenId() + "; the token, shown once:");
            out.println(u.token().secret());
            out.flush();
            return 0;
        }
    }

    @Command(name = "create-token", mixinStandardHelpOptions = true, description = "A further API token of a user (last line).")
    static final class CreateToken implements Callable<Integer> {
        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;
        @Option(names = "--name", paramLabel = "NAME", description = "A name to recognise it by (default ${DEFAULT-VALUE}).")
        String name = "cli";
        @CommandLine.Mixin
        StoreOptions store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var t = withCatalog(store, (s, c) -> c.createToken(email, name));
            PrintWriter out = spec.commandLine().getOut();
            out.println("token id " + t.tokenId() + " for " + email + "; the token, shown once:");
            out.println(t.secret());
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke-token", mixinStandardHelpOptions = true,
            description = "Revokes a token by its id (the 16 hex digits after 'tower_', or the whole token).")
    static final class RevokeToken implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "TOKEN_ID")
        String id;
        @CommandLine.Mixin
        StoreOptions store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String tokenId = tower.server.auth.Tokens.parse(id).map(tower.server.auth.Tokens.Parsed::id).orElse(id);
            boolean done = withCatalog(store, (s, c) -> c.revokeToken(tokenId));
            if (!done) {
                throw tower.pipeline.errors.TowerException.badParameter("no live token with id " + tokenId);
            }
            spec.commandLine().getOut().println("token " + tokenId + " revoked");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "assign-tests", mixinStandardHelpOptions = true,
            description = "Makes an organisation the owner of stored tests (by default every test no organisation owns, "
                    + "e.g. those stored by 'tower ingest'), so that they appear in its dashboard.")
    static final class AssignTests implements Callable<Integer> {
        @Option(names = "--org", required = true, paramLabel = "NAME")
        String org;
        @Parameters(arity = "0..*", paramLabel = "TEST_ID")
        List<String> ids = List.of();
        @CommandLine.Mixin
        StoreOptions store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            int n = withCatalog(store, (s, c) -> {
                if (c.organisation(org).isEmpty()) {
                    throw tower.pipeline.errors.TowerException.badParameter("no organisation '" + org + "'");
                }
                Set<String> owned = new TreeSet<>();
                c.organisations().forEach(o -> owned.addAll(c.visibleTests(o.name())));
                List<String> targets = ids.isEmpty()
                        ? s.list().stream().map(tower.store.StoredTest::testId).filter(id -> !owned.contains(id)).toList()
                        : ids;
                for (String id : targets) {
                    if (s.find(id).isEmpty()) {
                        throw tower.pipeline.errors.TowerException.unknownTest(id, store.dir().toString());
                    }
                    c.addOwner(id, org.trim());
                }
                return targets.size();
            });
            spec.commandLine().getOut().println(n + " tests assigned to " + org);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
