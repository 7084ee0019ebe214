import { ruleTester } from '../../helpers/rule-tester';

ruleTester('dnf-pin-versions', {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.59 && dnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y "dnf-command(config-manager)" ./local.rpm && dnf clean all\n',
    'FROM fedora:40\nRUN dnf module install -y nodejs:20 && dnf clean all\n',
    'FROM fedora:40\nRUN dnf group install -y "Development Tools" && dnf clean all\n',
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
      errors: [{ line: 2, column: 20, endColumn: 25, message: /`httpd-<version>`/ }],
    },
    {
      name: 'microdnf, module stream, ONBUILD',
      code: 'FROM ubi9-minimal\nRUN microdnf install -y tar gzip-1.12 && microdnf clean all\nONBUILD RUN dnf module install -y php && dnf clean all\n',
      errors: [
        { line: 2, column: 25, endColumn: 28 },
        { line: 3, column: 35, message: /stream/ },
      ],
    },
  ],
});
