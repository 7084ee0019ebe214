import { ruleTester } from '../../helpers/rule-tester';

ruleTester('yum-clean-all', {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    'FROM centos:7\nRUN yum install -y httpd-2.4.6 && rm -rf /var/cache/yum\n',
    'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.6\n',
    'FROM centos:7\nRUN yum makecache\n',
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install -y httpd-2.4.6\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: /yum clean all/ }],
      output: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    },
    {
      name: 'a clean before the install does not count; two installs, one fix',
      code: 'FROM centos:7\nRUN yum clean all && yum install -y a-1 \\\n && yum install -y b-2\n',
      errors: [
        { line: 2, column: 22 },
        { line: 3, column: 5 },
      ],
      output:
        'FROM centos:7\nRUN yum clean all && yum install -y a-1 \\\n && yum install -y b-2 && yum clean all\n',
    },
    {
      name: 'ONBUILD; heredoc gets a new line',
      code: 'FROM centos:7\nONBUILD RUN yum install -y a-1\nRUN <<EOT\n  yum install -y b-2\nEOT\n',
      errors: [
        { line: 2, column: 13 },
        { line: 4, column: 3 },
      ],
      output:
        'FROM centos:7\nONBUILD RUN yum install -y a-1 && yum clean all\nRUN <<EOT\n  yum install -y b-2\n  yum clean all\nEOT\n',
    },
  ],
});
