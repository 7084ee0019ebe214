import { ruleTester } from '../../helpers/rule-tester';

ruleTester('dnf-clean-all', {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.59 && dnf clean all\n',
    'FROM fedora:40\nRUN microdnf install -y tar-1.34 && microdnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.59 && rm -rf /var/cache/dnf/*\n',
    'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd-2.4.59\n',
    'FROM fedora:40\nRUN dnf makecache\n',
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.59\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: /dnf clean all/ }],
      output: 'FROM fedora:40\nRUN dnf install -y httpd-2.4.59 && dnf clean all\n',
    },
    {
      name: 'microdnf upgrade gets microdnf clean all; ONBUILD',
      code: 'FROM ubi9-minimal\nONBUILD RUN microdnf upgrade -y\n',
      errors: [{ line: 2, column: 13, endColumn: 29 }],
      output: 'FROM ubi9-minimal\nONBUILD RUN microdnf upgrade -y && microdnf clean all\n',
    },
    {
      name: '`dnf clean` without `all` does not count',
      code: 'FROM fedora:40\nRUN dnf install -y a-1 && dnf clean packages\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM fedora:40\nRUN dnf install -y a-1 && dnf clean packages && dnf clean all\n',
    },
  ],
});
