package nl.wur.cip.helpdesk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The house rules, read from the compiled classes: the feature packages depend on each other without a cycle, only
 * the command line and the benchmark reach the root (the assembly and the configuration), and the web layer never
 * touches the database itself (it talks to the stores and services).
 */
@AnalyzeClasses(packages = "nl.wur.cip.helpdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule featurePackagesFormNoCycle =
            slices().matching("nl.wur.cip.helpdesk.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheBenchmarkUsesTheRoot = noClasses()
            .that()
            .resideInAPackage("nl.wur.cip.helpdesk.(*)..")
            .and()
            .resideOutsideOfPackage("nl.wur.cip.helpdesk.bench..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("nl.wur.cip.helpdesk");

    @ArchTest
    static final ArchRule theWebLayerNeverTouchesTheDatabase = noClasses()
            .that()
            .resideInAPackage("nl.wur.cip.helpdesk.web..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("java.sql..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("nl.wur.cip.helpdesk.storage.Database");

    /** The README's package graph is the code's: each package with the packages it uses, read from the classes. */
    @ArchTest
    static void theReadmesPackageGraphIsTheCodes(JavaClasses classes) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String start = "<!-- package graph: generated from the code, checked by ArchitectureTest -->\n";
        int from = readme.indexOf(start);
        int to = readme.indexOf("<!-- /package graph -->", from);
        String written =
                from < 0 || to < 0 ? "(no package graph in the README)" : readme.substring(from + start.length(), to);
        assertEquals(
                packageGraph(classes),
                written,
                "README.md's package graph; paste the expected text between the markers");
    }

    static String packageGraph(JavaClasses classes) {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass type : classes) {
            String from = feature(type);
            uses.computeIfAbsent(from, f -> new TreeSet<>());
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                if (target.getPackageName().startsWith("nl.wur.cip.helpdesk")
                        && !feature(target).equals(from)) {
                    uses.get(from).add(feature(target));
                }
            }
        }
        StringBuilder graph = new StringBuilder("```\n");
        uses.forEach((from, to) -> graph.append(
                String.format("%-14s -> %s%n", from, to.isEmpty() ? "(nothing of ours)" : String.join(", ", to))));
        return graph.append("```\n").toString();
    }

    /** The feature package a class belongs to; the root package's classes (Main, Assembly, HelpdeskConfig) are "(root)". */
    private static String feature(JavaClass type) {
        String rest = type.getPackageName().substring("nl.wur.cip.helpdesk".length());
        return rest.isEmpty() ? "(root)" : rest.substring(1).split("\\.")[0];
    }
}
