package nl.wur.cip.helpdesk.config;

/** Something that declares a setting: a {@link Setting} itself, or a constant of an enum listing an application's settings. */
public interface DeclaredSetting {
    Setting setting();
}
