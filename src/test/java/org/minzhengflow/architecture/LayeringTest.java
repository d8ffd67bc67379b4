package org.minzhengflow.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the application, as the build enforces it: benefit modules ({@code dibao},
 * {@code eldercare}, {@code nursinghome}, the capability {@code payment}, the reporting {@code statistics} — which
 * reads the case core's tables and knows no benefit module —, and every one to come) stand on the case core
 * ({@code casework}, {@code review}, and the staff operations on tasks {@code taskops}), which stands on the platform (organisation, security, API
 * errors, calendar, identification, verification); never the other way round, modules never on each
 * other, and no package cycles anywhere.
 */
class LayeringTest {

  static final String ROOT = "org.minzhengflow";
  static final String[] MODULES = {"dibao", "eldercare", "nursinghome", "funeral", "assistance", "payment", "statistics"};

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
  }

  @Test
  void modulesStandOnTheCoreWhichStandsOnThePlatform() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("Application").definedBy(ROOT)
        .layer("Modules").definedBy(ROOT + ".dibao..", ROOT + ".eldercare..", ROOT + ".nursinghome..",
            ROOT + ".funeral..", ROOT + ".assistance..", ROOT + ".payment..", ROOT + ".statistics..")
        .layer("Core").definedBy(ROOT + ".casework..", ROOT + ".review..", ROOT + ".taskops..")
        .layer("Platform").definedBy(ROOT + ".api..", ROOT + ".security..", ROOT + ".organization..",
            ROOT + ".calendar..", ROOT + ".identification..", ROOT + ".verification..")
        .whereLayer("Application").mayNotBeAccessedByAnyLayer()
        .whereLayer("Modules").mayOnlyBeAccessedByLayers("Application")
        .whereLayer("Core").mayOnlyBeAccessedByLayers("Modules", "Application")
        .whereLayer("Platform").mayOnlyBeAccessedByLayers("Core", "Modules", "Application")
        .check(classes);
  }

  @Test
  void benefitModulesNeverUseEachOther() {
    slices().matching(ROOT + ".(dibao|eldercare|nursinghome|funeral|assistance|payment|statistics)..").should().notDependOnEachOther().check(classes);
  }

  @Test
  void theCoreNeedsNoModule() {
    for (String module : MODULES) {
      com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
          .that().resideInAnyPackage(ROOT + ".casework..", ROOT + ".review..", ROOT + ".taskops..")
          .should().dependOnClassesThat().resideInAPackage(ROOT + "." + module + "..")
          .because("the core serves every benefit and knows none; a module declares what differs (CaseKind)")
          .check(classes);
    }
  }

  @Test
  void noPackageCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }
}
