/**
 * Classes built to break the rules of the house, one rule each, so that
 * dev.infradash.architecture.ArchitectureRulesBiteTest can show every rule fails when broken.
 * Outside dev.infradash on purpose: Spring and Vaadin never scan them.
 */
package archfixture;
