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
                AdminCommand.RevokeToken.class, AdminCommand.ListTokens.class, AdminCommand.CreateProject.class,
                AdminCommand.AssignTests.class, AdminCommand.Audit.class})
final class AdminCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs work against the store's catalogue; catalogue errors (conflicts, bad names) surface as one-line errors. */
    static <T> T withCatalog(StoreOptions store, java.util.function.BiFunction<Store, Catalog, T> work) throws Exception {
        try (Store s = store.openWrite("admin", true); Catalog c = new DuckCatalog(s)) {
            return work.apply(s, c);
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
        @Option(names = "--expires-in-days", paramLabel = "DAYS", description = "The token stops working after this many days.")
        Integer days;
        @CommandLine.Mixin
        StoreOptions store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (days != null && days < 1) {
                throw tower.pipeline.errors.TowerException.badParameter("--expires-in-days must be at least 1");
            }
            java.util.Optional<java.time.Instant> until = days == null ? java.util.Optional.empty()
                    : java.util.Optional.of(java.time.Instant.now().plus(java.time.Duration.ofDays(days)));
            var t = withCatalog(store, (s, c) -> c.createToken(email, name, until));
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
                c.sharing().all().forEach(a -> owned.add(a.testId()));
                List<String> targets = ids.isEmpty()
                        ? s.list().stream().map(tower.store.StoredTest::testId).filter(id -> !owned.contains(id)).toList()
                        : ids;
                for (String id : targets) {
                    if (s.find(id).isEmpty()) {
                        throw tower.pipeline.errors.TowerException.unknownTest(id, store.dir().toString());
                    }
                    var other = c.sharing().access(id).filter(a -> !a.owner().equals(org.trim()));
                    if (other.isPresent()) {
                        throw tower.pipeline.errors.TowerException.conflict("test " + id + " is owned by "
                                + other.get().owner() + " already (it may share it instead)");
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

    @Command(name = "list-tokens", mixinStandardHelpOptions = true,
            description = "The tokens of an organisation's users: id, user, name, created, expires, last use, state.")
    static final class ListTokens implements Callable<Integer> {
        @Option(names = "--org", required = true, paramLabel = "NAME")
        String org;
        @CommandLine.Mixin
        StoreOptions store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var tokens = withCatalog(store, (s, c) -> {
                if (c.organisation(org).isEmpty()) {
                    throw tower.pipeline.errors.TowerException.badParameter("no organisation '" + org + "'");
                }
                return c.tokens(org.trim());
            });
            PrintWriter out = spec.commandLine().getOut();
            java.time.Instant now = java.time.Instant.now();
            out.printf("%-16s  %-28s  %-12s  %-20s  %-20s  %-20s  %s%n", "token_id", "email", "name", "created_at",
                    "expires_at", "last_used_at", "state");
            for (var t : tokens) {
                out.printf("%-16s  %-28s  %-12s  %-20s  %-20s  %-20s  %s%n", t.tokenId(), t.email(), t.name(),
                        minutes(t.createdAt()), t.expiresAt().map(AdminCommand::minutes).orElse("-"),
                        t.lastUsedAt().map(AdminCommand::minutes).orElse("never"),
                        t.revokedAt().isPresent() ? "revoked" : t.live(now) ? "live" : "expired");
            }
            out.flush();
            return 0;
        }
    }

    static String minutes(java.time.Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
    }

    @Command(name = "create-project", mixinStandardHelpOptions = true,
            description = "A joint project: a lead organisation and members, who read the tests attached to it.")
    static final class CreateProject implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--lead", required = true, paramLabel = "ORG")
        String lead;
        @Option(names = "--member", paramLabel = "ORG", description = "A member organisation (repeat for several).")
        List<String> members = List.of();
        @CommandLine.Mixin
        StoreOptions store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var p = withCatalog(store, (s, c) -> {
                for (String o : concat(lead, members)) {
                    if (c.organisation(o).isEmpty()) {
                        throw tower.pipeline.errors.TowerException.badParameter("no organisation '" + o + "'");
                    }
                }
                return c.sharing().createProject(name, lead.trim(), members.stream().map(String::trim).toList());
            });
            spec.commandLine().getOut().println("project " + p.name() + " created: lead " + p.lead()
                    + (p.members().isEmpty() ? "" : ", members " + String.join(", ", p.members())));
            spec.commandLine().getOut().flush();
            return 0;
        }

        private static List<String> concat(String first, List<String> rest) {
            List<String> all = new java.util.ArrayList<>();
            all.add(first);
            all.addAll(rest);
            return all;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "The audit log of an organisation's data, newest first (read-only: nothing edits it).")
    static final class Audit implements Callable<Integer> {
        @Option(names = "--org", required = true, paramLabel = "NAME")
        String org;
        @Option(names = "--test", paramLabel = "TEST_ID", description = "Only the events of this test.")
        String test;
        @Option(names = "--limit", paramLabel = "N", description = "At most N events (default ${DEFAULT-VALUE}).")
        int limit = 100;
        @CommandLine.Mixin
        StoreOptions store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var events = withCatalog(store, (s, c) -> c.audit().events(org.trim(), java.util.Optional.ofNullable(test),
                    Math.max(1, limit)));
            PrintWriter out = spec.commandLine().getOut();
            for (var e : events) {
                out.printf("%s  %-9s %s (%s) %s %s%n", e.at(), e.action().label(), e.actor(), e.actorOrg(), e.testId(),
                        e.detail());
            }
            out.flush();
            return 0;
        }
    }
}
