import { ruleTester } from '../../helpers/rule-tester';

ruleTester('dnf-assume-yes', {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.59 && dnf clean all\n',
    'FROM fedora:40\nRUN dnf -qy install httpd-2.4.59 && dnf clean all\n',
    'FROM fedora:40\nRUN microdnf install --assumeyes tar-1.34 && microdnf clean all\n',
    {
      name: 'microdnf never prompts',
      code: 'FROM ubi9-minimal\nRUN microdnf install tar-1.34 && microdnf clean all\n',
    },
    'FROM fedora:40\nRUN dnf upgrade --refresh -y && dnf clean all\n',
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install httpd-2.4.59 && dnf clean all\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: /-y/ }],
      output: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.59 && dnf clean all\n',
    },
    {
      name: 'through a continuation, ONBUILD',
      code: 'FROM fedora:40\nONBUILD RUN dnf \\\n  install tar-1.34 && dnf clean all\n',
      errors: [{ line: 2, column: 13, endLine: 3, endColumn: 10 }],
      output: 'FROM fedora:40\nONBUILD RUN dnf \\\n  install -y tar-1.34 && dnf clean all\n',
    },
  ],
});
