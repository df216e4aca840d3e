/*
 * intake.h: `dlt-interop merge --verify KEYS_DIR BUNDLE...`: intake of many vendors' signed
 * bundles at an interop event (docs/certification.md, "Intake"). Every bundle is opened
 * (form, signature, claimed verdict re-derived); its signer must be one of the public keys
 * in KEYS_DIR (*.pub, named after the vendor). A bundle that fails is refused: listed with
 * the reason, never in a matrix. A bundle run with another suite digest, or another version
 * of its profile, than the suite here is kept but marked in every place it appears. The
 * report is one matrix per profile: implementations x the profile's requirements.
 */
#ifndef DLT_INTAKE_H
#define DLT_INTAKE_H

/* 1 when a merge command line asks for intake (--verify). */
int dlt_cmd_is_intake(int argc, char **argv);
/* Exit status: 0 every bundle accepted and run with this suite; 1 a bundle was refused or
 * marked; 2 usage error, or KEYS_DIR holds no readable key. home is the suite folder the
 * digests are compared with, runner the runner's name and version. */
int dlt_cmd_intake(int argc, char **argv, const char *home, const char *runner);

#endif
