// Tests arrive with the wallet issue.
