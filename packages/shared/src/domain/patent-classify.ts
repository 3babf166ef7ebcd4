// placeholder: written by the patent domain engineer (issue 5)
export {};
