// Written by scripts/make-icons.mjs: the tab's icon in each mode, as data: URLs (see there why).
export const TAB_ICONS = {
  plain:
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAA3ElEQVR42mNggAJZ03B+WdPwelnT8PtA+j+N8H2oHfwMyEDWNFxf1jT8PQ0tRscgu/SRfU5Py5Edwc8ADZL/A4TrGWgc5wTTBAMhRVqOCf9DUmsJ4oCEcrIcQdABIMN/ff9AEH//8vb/jHmLBs4B5DqCqg4gxxFUdwCpjqCJA2COICZhkuQAfOqwOQKkd8BCgCYOOHTsJFGYZg4gNmWPRgHNHEBMnYCufnhFQfe0xUTh0SigexQgp/zh7YABj4IBcQCxjVJsGKSXGAcMeLN8wDsmA9s1G/DO6UB3zwE7XY1aGWldWAAAAABJRU5ErkJggg==',
  discreet:
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAoklEQVR42mNggILsogb+7KKG+uyihvtA+j+N8H2oHfwMyCC7qEE/u6jhPQ0tRscgu/SRfU5Py5Edwc8ADZL/A4TrGWgc5wTTBAMhRSVV7f8nTJ1PFgbpJWQ+QQeADCIXgPSOOmDUAVR1ALGpf/iGwK3b94nCo1EwfKNg6479ROHhGwUDHgKjUTDqgJHpAHo0Sge8WT7gHZOB7ZoNeOd0oLvnAK8b7Z1tyzN9AAAAAElFTkSuQmCC',
} as const;
