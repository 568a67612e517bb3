package org.nakamoto.node;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.regex.Pattern;

/**
 * The module and package rules, checked on the compiled main classes of all five modules.
 *
 * <p>It lives in node's tests because node is the only module whose test class path holds every
 * module's main classes, so one file states the whole graph; Maven already refuses an upward module
 * dependency at build time, but not a forbidden third-party library (Vert.x in chain) nor a cycle
 * between packages of one module, which only a bytecode check like this one sees.
 */
@AnalyzeClasses(packages = "org.nakamoto", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {

    /**
     * Test classes (target/test-classes) and test-jars (chain's and wallet's fixtures on node's test class
     * path) are not under these rules: a test may well drive a chain through Vert.x.
     */
    public static final class MainClassesOnly implements ImportOption {
        private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.matches(TEST_JAR);
        }
    }

    /** Consensus and storage stay usable by any front end: no event loop, no HTTP, no CLI, no module above. */
    @ArchTest
    static final ArchRule chainDependsOnNoFrontEndAndNoModuleAbove = noClasses()
            .that().resideInAPackage("org.nakamoto.chain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.vertx..", "io.netty..", "picocli..", "java.net.http..", "com.sun.net.httpserver..",
                    "org.apache.http..", "org.apache.hc..", "okhttp3..", "org.eclipse.jetty..",
                    "org.nakamoto.miner..", "org.nakamoto.p2p..", "org.nakamoto.wallet..", "org.nakamoto.node..");

    /** The miner is a pure function of a template: it needs the chain's types and nothing that does I/O for it. */
    @ArchTest
    static final ArchRule minerDependsOnlyOnChainJdkAndSlf4j = classes()
            .that().resideInAPackage("org.nakamoto.miner..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "javax..", "org.slf4j..", "org.nakamoto.chain..", "org.nakamoto.miner..");

    @ArchTest
    static final ArchRule p2pDoesNotSeeMinerWalletOrNode = noClasses()
            .that().resideInAPackage("org.nakamoto.p2p..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.nakamoto.miner..", "org.nakamoto.wallet..", "org.nakamoto.node..");

    /** The wallet reaches the node only over JSON-RPC, as Core's and bcoin's wallets do. */
    @ArchTest
    static final ArchRule walletDoesNotSeeP2pMinerOrNode = noClasses()
            .that().resideInAPackage("org.nakamoto.wallet..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.nakamoto.p2p..", "org.nakamoto.miner..", "org.nakamoto.node..");

    /** One logging API: SLF4J. JUL and System.Logger would need a bridge to reach debug.log. */
    @ArchTest
    static final ArchRule oneLoggingApi = noClasses()
            .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
            .orShould().dependOnClassesThat().belongToAnyOf(System.Logger.class, System.Logger.Level.class);

    /**
     * The single writer: outside the chain module nobody keeps the mutable chain state; code receives a
     * {@code ChainState} only as the argument of a {@code ChainWriter.Task} and holds a {@code ChainView}.
     */
    @ArchTest
    static final ArchRule nobodyOutsideChainKeepsTheMutableChainState = noFields()
            .that().areDeclaredInClassesThat().resideOutsideOfPackage("org.nakamoto.chain..")
            .should().haveRawType(org.nakamoto.chain.state.ChainState.class);

    /** RPC handlers read the mempool through its view and change it only through writer tasks. */
    @ArchTest
    static final ArchRule rpcHandlersNeverHoldTheMutableMempool = noFields()
            .that().areDeclaredInClassesThat().resideInAPackage("org.nakamoto.node.api..")
            .should().haveRawType(org.nakamoto.chain.mempool.Mempool.class);

    /**
     * Every package is its own slice ("chain.codec", "node.api", "p2p" ...), so this forbids a cycle between
     * any two packages; across modules Maven forbids one already.
     *
     * <p>One known exception, named edge by edge so that nothing else hides behind it: node's root package
     * is both the composition root ({@code Node} builds the RPC handlers, the metrics and the local miner)
     * and the home of the context those parts receive ({@code NodeContext}, {@code NodeStatus}). The edges
     * from the root down into those three packages are ignored until the context moves to a package of its
     * own.
     */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.nakamoto.(**)").should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("org.nakamoto.node"),
                    resideInAnyPackage("org.nakamoto.node.api", "org.nakamoto.node.metrics", "org.nakamoto.node.mining"));
}
