package org.starttlslist.validate;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.starttlslist.source.DomainSource;

/**
 * What a validation run keeps of each domain source it loads, for the command that runs it: the
 * source itself (most commands), only that it was loaded ({@code validate}), or the bytes it takes
 * in a published list ({@code build}).
 *
 * <p>Why: a run keeps its 100,000 domains until it ends, and every one of them outlives a young
 * collection and is copied into fresh memory, which this kind of machine pays for by the page. The
 * sources as objects were 72 MB, and keeping them (and sorting them) was a sixth of a {@code
 * validate} run's wall time.
 *
 * @param <T> what is kept of one domain
 */
public interface DomainKeeper<T> {
    /**
     * What to keep of {@code domain}, whose file had no error; called on whichever thread checked
     * its file, so it must be safe to call from several at once. A keeper that needs the model asks
     * for it ({@link CheckedDomain#source()}); one that does not is spared making it (for {@code
     * validate} of 100,000 domains, 6% of the run; FastPathEquivalenceTest holds every corpus case
     * to the same findings and counts either way).
     */
    T keep(CheckedDomain domain);

    /** The order to hand the kept values over in, or null when their order does not matter. */
    Comparator<? super T> order();

    /**
     * {@code kept} in {@link #order()} (not null), in a new list or in {@code kept} itself; a
     * keeper that knows its values may sort them faster than by comparing them.
     */
    default List<T> sorted(List<T> kept) {
        @SuppressWarnings("unchecked")
        T[] array = (T[]) kept.toArray();
        Validator.sortOnTwoThreads(array, order());
        return Arrays.asList(array);
    }

    /**
     * Keeps each source, in the order of its domain name, made compact for a run that keeps 100,000
     * of them: its path a new object (see {@link SourceFileCheck#kept}) and each distinct
     * testing-since one object (a list's domains share a few hundred dates; one LocalDate and
     * Optional per domain were 4 MB of a run's live data). A new keeper for each run.
     */
    static DomainKeeper<DomainSource> sources() {
        Map<LocalDate, Optional<LocalDate>> dates = new ConcurrentHashMap<>();
        Comparator<DomainSource> byDomain = (a, b) -> a.domain().compareTo(b.domain());
        return new DomainKeeper<>() {
            @Override
            public DomainSource keep(CheckedDomain domain) {
                DomainSource source = domain.source();
                return new DomainSource(
                        SourceFileCheck.kept(source.file()),
                        source.domain(),
                        source.policy(),
                        source.contact(),
                        source.testingSince().isEmpty()
                                ? source.testingSince()
                                : dates.computeIfAbsent(
                                        source.testingSince().get(),
                                        date -> source.testingSince()));
            }

            @Override
            public Comparator<DomainSource> order() {
                return byDomain;
            }
        };
    }

    /** Keeps nothing of a source but that it was loaded: for a run that only counts them. */
    DomainKeeper<Boolean> COUNT =
            new DomainKeeper<>() {
                @Override
                public Boolean keep(CheckedDomain domain) {
                    return Boolean.TRUE;
                }

                @Override
                public Comparator<Boolean> order() {
                    return null;
                }
            };
}
