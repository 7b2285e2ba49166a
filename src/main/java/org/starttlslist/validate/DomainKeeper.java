package org.starttlslist.validate;

import java.time.LocalDate;
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
     * What to keep of {@code source}, which had no error; called on whichever thread checked its
     * file, so it must be safe to call from several at once.
     *
     * @param source the source as loaded, or null for a keeper that {@link #needsSource() needs
     *     none}
     */
    T keep(DomainSource source);

    /**
     * Whether {@link #keep} reads the source. When it does not, none is made: the file's checks all
     * run as before, but its JSON is not turned into model objects it would drop at once (for
     * {@code validate} of 100,000 domains, 6% of the run). FastPathEquivalenceTest holds every
     * corpus case to the same findings and counts either way.
     */
    default boolean needsSource() {
        return true;
    }

    /** The order to hand the kept values over in, or null when their order does not matter. */
    Comparator<? super T> order();

    /**
     * Puts {@code kept} in {@link #order()} (not null); a keeper that knows its values may do it
     * faster than by comparing them.
     */
    default void sort(List<T> kept) {
        @SuppressWarnings("unchecked")
        T[] array = (T[]) kept.toArray();
        Validator.sortOnTwoThreads(array, order());
        for (int i = 0; i < array.length; i++) {
            kept.set(i, array[i]);
        }
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
            public DomainSource keep(DomainSource source) {
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
                public Boolean keep(DomainSource source) {
                    return Boolean.TRUE;
                }

                @Override
                public boolean needsSource() {
                    return false;
                }

                @Override
                public Comparator<Boolean> order() {
                    return null;
                }
            };
}
