package tower.server.sharing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything that decides who reads one test.
 *
 * @param owner        the organisation that uploaded it: the only one that changes, shares or deletes it
 * @param embargoUntil the instant from which the test is public whatever its visibility (publication date)
 * @param projects     names of the projects the owner attached it to
 * @param grants       read grants to partner organisations, live or expired (expired ones are kept for the record)
 */
public record TestAccess(String testId, String owner, Visibility visibility, Optional<Instant> embargoUntil,
                         Set<String> projects, List<Grant> grants) {
    public TestAccess {
        Objects.requireNonNull(testId);
        Objects.requireNonNull(owner);
        Objects.requireNonNull(visibility);
        Objects.requireNonNull(embargoUntil);
        projects = Set.copyOf(projects);
        grants = List.copyOf(grants);
    }

    public static TestAccess privateTo(String testId, String owner) {
        return new TestAccess(testId, owner, Visibility.PRIVATE, Optional.empty(), Set.of(), List.of());
    }

    /** True when the test is public now: chosen so, or its embargo has passed. */
    public boolean publicAt(Instant now) {
        return visibility == Visibility.PUBLIC || embargoUntil.map(e -> !now.isBefore(e)).orElse(false);
    }

    /**
     * The one access rule: how {@code org} sees this test at {@code now}, or empty when the test is hidden from it
     * (and must then look exactly like a test that does not exist).
     *
     * @param projectsByName the projects of the platform (an unknown name counts as no project)
     */
    public Optional<Access> accessFor(String org, Instant now, Function<String, Optional<Project>> projectsByName) {
        if (owner.equals(org)) {
            return Optional.of(Access.OWNER);
        }
        if (visibility.atLeast(Visibility.PROJECT)) {
            for (String p : projects) {
                if (projectsByName.apply(p).map(x -> x.includes(org)).orElse(false)) {
                    return Optional.of(Access.PROJECT);
                }
            }
        }
        if (visibility.atLeast(Visibility.SHARED) && liveGrant(org, now).isPresent()) {
            return Optional.of(Access.SHARED);
        }
        return publicAt(now) ? Optional.of(Access.PUBLIC) : Optional.empty();
    }

    /** The live grant of an organisation, if any. */
    public Optional<Grant> liveGrant(String org, Instant now) {
        return grants.stream().filter(g -> g.org().equals(org) && g.live(now)).findFirst();
    }

    public Optional<Grant> grant(String org) {
        return grants.stream().filter(g -> g.org().equals(org)).findFirst();
    }

    public TestAccess withVisibility(Visibility v) {
        return new TestAccess(testId, owner, v, embargoUntil, projects, grants);
    }

    public TestAccess withEmbargo(Optional<Instant> e) {
        return new TestAccess(testId, owner, visibility, e, projects, grants);
    }

    public TestAccess withProjects(Set<String> p) {
        return new TestAccess(testId, owner, visibility, embargoUntil, p, grants);
    }

    /** With this grant replacing any earlier grant to the same organisation. */
    public TestAccess withGrant(Grant g) {
        List<Grant> out = new java.util.ArrayList<>(grants.stream().filter(x -> !x.org().equals(g.org())).toList());
        out.add(g);
        return new TestAccess(testId, owner, visibility, embargoUntil, projects, out);
    }

    public TestAccess withoutGrant(String org) {
        return new TestAccess(testId, owner, visibility, embargoUntil, projects,
                grants.stream().filter(x -> !x.org().equals(org)).toList());
    }
}
